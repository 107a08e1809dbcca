"""The Dockerfile serves the dashboard on a mounted workspace, from a base that can run it.

The static checks read the Dockerfile as Docker does (instructions, continued lines, the
exec form of CMD). The build test runs ``docker build`` only where a Docker engine answers,
and skips saying so elsewhere.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tomllib
import uuid
from contextlib import redirect_stderr, redirect_stdout

import pytest
from conftest import PROJECT_ROOT
from packaging.specifiers import SpecifierSet

from ecosystem.cli import main

DOCKERFILE = PROJECT_ROOT / "Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions as (KEYWORD, arguments), continued lines joined."""
    joined = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    found = []
    for line in joined.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, arguments = line.strip().partition(" ")
            found.append((keyword.upper(), arguments.strip()))
    return found


def arguments_of(keyword: str) -> list[str]:
    return [arguments for found, arguments in instructions() if found == keyword]


def command() -> list[str]:
    """The CMD, which must be in exec form (a JSON list: no shell between Docker and it)."""
    (cmd,) = arguments_of("CMD")
    return json.loads(cmd)


def option(words: list[str], name: str) -> str:
    return words[words.index(name) + 1]


def test_the_command_serves_the_mounted_workspace_on_every_address():
    words = command()
    assert words[:2] == ["ecosystem", "serve"]
    assert option(words, "--workspace") in arguments_of("VOLUME")
    assert option(words, "--host") == "0.0.0.0"
    assert option(words, "--port") in arguments_of("EXPOSE")


def test_the_command_takes_only_options_serve_offers():
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        assert main(["serve", "--help"]) == 0
    for word in command()[2:]:
        if word.startswith("--"):
            assert re.search(rf"(?<![\w-]){word}\b", out.getvalue()), word


def test_every_file_copied_exists_and_is_not_ignored():
    ignored = {
        line.strip().rstrip("/")
        for line in (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    copies = arguments_of("COPY")
    assert copies
    for arguments in copies:
        *sources, _destination = arguments.split()
        for source in sources:
            assert (PROJECT_ROOT / source).exists(), source
            assert source.rstrip("/") not in ignored, source


def test_the_context_leaves_out_the_environment_history_and_exports():
    ignored = (PROJECT_ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    for folder in (".venv/", ".git/", "exports/", "**/__pycache__/"):
        assert folder in ignored


def test_the_base_images_python_satisfies_the_project():
    (base,) = arguments_of("FROM")
    version = re.fullmatch(r"python:(\d+\.\d+)(?:\.\d+)?-slim", base)
    assert version, base
    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert version.group(1) in SpecifierSet(project["project"]["requires-python"])


def test_it_installs_the_pinned_versions_and_runs_as_another_user_than_root():
    assert any("--constraint constraints.txt ." in run for run in arguments_of("RUN"))
    (user,) = arguments_of("USER")
    assert user not in {"root", "0"}


def docker_answers() -> bool:
    """Whether a Docker engine answers here (``docker info`` succeeds)."""
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@pytest.mark.skipif(not docker_answers(), reason="no Docker engine answers (`docker info`)")
def test_the_image_builds_and_its_command_runs():
    tag = f"ecosystem-test-{uuid.uuid4().hex[:8]}"
    build = subprocess.run(
        ["docker", "build", "--tag", tag, str(PROJECT_ROOT)],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    try:
        assert build.returncode == 0, build.stderr[-3000:]
        ran = subprocess.run(
            ["docker", "run", "--rm", tag, "ecosystem", "serve", "--help"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ran.returncode == 0 and "--workspace" in ran.stdout, ran.stderr
    finally:
        subprocess.run(["docker", "image", "rm", "--force", tag], capture_output=True)
