"""The package installs anywhere: a wheel carries the demo, the stylesheet and the templates.

A checkout hides missing package data (the files are beside the code anyway), so these tests
build the wheel, install it into a fresh virtual environment outside the checkout and use it
as a person would: ``ecosystem serve`` with no files opens on the demo, with its stylesheet.
The fresh environment borrows the test environment's installed dependencies (a path file),
so no network is needed; the project itself comes only from the wheel.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, free_port

pytestmark = pytest.mark.package

PACKAGE_DATA = (
    "ecosystem/demo/organisations.csv",
    "ecosystem/demo/responses.csv",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    build = tmp_path_factory.mktemp("build")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(folder), str(PROJECT_ROOT)],
        check=True, cwd=build, env={**os.environ, "PIP_NO_INPUT": "1"},
    )  # fmt: skip
    (built,) = folder.glob("ecosystem-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed; returns its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_folder = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_folder / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
    )
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    # Dependencies from the test environment, after the wheel's own files on the path.
    (Path(purelib) / "borrowed-dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    return bin_folder


def test_the_wheel_carries_the_files_the_package_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in PACKAGE_DATA:
        assert name in names, f"{name} is missing from the wheel"
    assert any(n.startswith("ecosystem/") and n.endswith("style.css") for n in names)
    assert not any(n.startswith(("surveys/", "tests/", "assets/")) for n in names)


def test_the_installed_package_is_not_the_checkout(installed, tmp_path):
    found = subprocess.run(
        [installed / "python", "-c", "import ecosystem; print(ecosystem.__file__)"],
        check=True, capture_output=True, text=True, cwd=tmp_path,
    ).stdout  # fmt: skip
    assert str(PROJECT_ROOT) not in found


def _get(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_the_installed_command_serves_the_demo_with_its_stylesheet(installed, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        [installed / "ecosystem", "serve", "--port", str(port)],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # a bound on waiting, not a measure of speed
        page = b""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                _, page = _get(url + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
        assert b"/assets/style.css" in page, "the page links no stylesheet"
        status, css = _get(url + "/assets/style.css")
        assert status == 200 and b"{" in css, "the stylesheet is not served"
        status, layout = _get(url + "/_dash-layout")
        assert status == 200 and b"Illustrative data" in layout, "the demo did not open"
    finally:
        server.terminate()
        server.wait(timeout=30)
