"""The suite's own guarantees: under CI, checks against real data fail rather than skip."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import PROJECT_ROOT

A_DATASET_TEST = "tests/test_metrics_on_real_datasets.py"


def _run_dataset_tests(tmp_path, **environment: str) -> subprocess.CompletedProcess:
    """The dataset tests with the datasets folder pointing nowhere (CI's variable unset)."""
    env = {k: v for k, v in os.environ.items() if k != "ECOSYSTEM_REQUIRE_DATASETS"}
    env.update(ECOSYSTEM_DATASETS=str(tmp_path / "absent"), **environment)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", A_DATASET_TEST],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip


def test_missing_datasets_skip_on_a_developer_machine(tmp_path):
    result = _run_dataset_tests(tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "skipped" in result.stdout


def test_missing_datasets_fail_under_ci(tmp_path):
    result = _run_dataset_tests(tmp_path, ECOSYSTEM_REQUIRE_DATASETS="1")
    assert result.returncode == 1, result.stdout[-2000:]
    assert "ECOSYSTEM_REQUIRE_DATASETS is set" in result.stdout
