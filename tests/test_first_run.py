"""What a newcomer sees in the first minutes: a quiet start that ends with where to open Webmon,
a clear line for a busy port, the version, and an install without packaging warnings."""

from __future__ import annotations

import subprocess
import time
import tomllib
from pathlib import Path

import httpx

from tests.processes import WEBMON, clean_env, free_port, run_webmon, stop, wait_for_http

ROOT = Path(__file__).resolve().parents[1]
READY = "Webmon is running: "


def start_serve(tmp_path: Path, port: int, *args: str, **env: str) -> tuple[subprocess.Popen[bytes], Path]:
    log = tmp_path / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [WEBMON, "serve", "--port", str(port), *args],
            env=clean_env(**env),
            cwd=tmp_path,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    return process, log


def wait_for_line(log: Path, text: str, process: subprocess.Popen[bytes], timeout: float = 30) -> list[str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = log.read_text(errors="replace").splitlines()
        if any(text in line for line in lines):
            return lines
        if process.poll() is not None:
            raise AssertionError(f"serve exited with {process.returncode}:\n" + "\n".join(lines))
        time.sleep(0.1)
    raise AssertionError(f"no line with {text!r} within {timeout} s:\n" + log.read_text(errors="replace"))


def serve_until_ready(tmp_path: Path, *args: str, **env: str) -> tuple[list[str], list[str]]:
    """The start's lines, then the lines a few requests added."""
    port = free_port()
    process, log = start_serve(tmp_path, port, *args, **env)
    try:
        started = wait_for_line(log, READY, process)
        base = f"http://127.0.0.1:{port}"
        httpx.get(f"{base}/health", timeout=5)
        httpx.get(f"{base}/api/v1/websites", timeout=5)
        time.sleep(0.5)
        later = log.read_text(errors="replace").splitlines()[len(started) :]
    finally:
        stop(process)
    return started, later


def test_a_first_start_ends_with_one_line_saying_where_to_open_it_and_to_create_an_account(tmp_path):
    started, _ = serve_until_ready(tmp_path, "--host", "127.0.0.1")

    assert READY in started[-1]
    assert "open http://127.0.0.1:" in started[-1] or "/docs" in started[-1]
    assert "create your account" in started[-1] or "dashboard is not built" in started[-1]
    assert "Telegram alerts are off: set WEBMON_TELEGRAM_BOT_TOKEN" in started[-1]


def test_the_start_is_quiet_before_its_last_line(tmp_path):
    started, _ = serve_until_ready(tmp_path)

    noise = [line for line in started if "INFO" in line or "Uvicorn running" in line]
    assert noise == []
    assert len(started) <= 2  # the ready line, and the note when the dashboard is not built


def test_requests_are_not_logged_by_default(tmp_path):
    _, later = serve_until_ready(tmp_path)

    assert [line for line in later if "GET /" in line] == []


def test_the_access_log_can_be_switched_on(tmp_path):
    _, later = serve_until_ready(tmp_path, "--access-log")

    assert any('"GET /health HTTP/1.1" 200' in line for line in later)


def test_the_access_log_can_be_switched_on_by_a_setting(tmp_path):
    _, later = serve_until_ready(tmp_path, WEBMON_ACCESS_LOG="true")

    assert any('"GET /health HTTP/1.1" 200' in line for line in later)


def test_once_an_account_exists_the_line_says_sign_in_and_telegram_is_set_up(tmp_path):
    from tests.conftest import TEST_SECRET

    port = free_port()
    env = {"WEBMON_TELEGRAM_BOT_TOKEN": "7000000001:AAH-s3cret_Token-value-1234567890abc"}
    env["WEBMON_TELEGRAM_API_URL"] = "http://127.0.0.1:9"  # nothing there; the bot just retries
    env["WEBMON_SECRET_KEY"] = TEST_SECRET
    process, log = start_serve(tmp_path, port, **env)
    try:
        wait_for_line(log, READY, process)
        registered = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/register",
            json={"email": "first@example.com", "username": "first", "password": "first user pw"},
            timeout=10,
        )
    finally:
        stop(process)
    assert registered.status_code == 201
    log.unlink()
    process, log = start_serve(tmp_path, port, **env)
    try:
        lines = wait_for_line(log, READY, process)
    finally:
        stop(process)

    [ready] = [line for line in lines if READY in line]
    assert "sign in" in ready or "dashboard is not built" in ready
    assert "create your account" not in ready
    assert "Telegram alerts are set up" in ready
    assert "s3cret_Token" not in log.read_text()


def test_listening_on_every_interface_says_the_address_to_open_here(tmp_path):
    # Bound to 0.0.0.0 for a moment; the test only ever connects to 127.0.0.1.
    started, _ = serve_until_ready(tmp_path, "--host", "0.0.0.0")

    assert "http://127.0.0.1:" in started[-1]
    assert "0.0.0.0" not in started[-1]
    assert "from another device" in started[-1]


def test_a_busy_port_is_one_clear_line_at_once(tmp_path):
    port = free_port()
    first = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)],
        env=clean_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", first)
        (tmp_path / "elsewhere").mkdir()
        began = time.monotonic()
        second = run_webmon("serve", "--port", str(port), env=clean_env(), cwd=tmp_path / "elsewhere", timeout=30)
        took = time.monotonic() - began
    finally:
        stop(first)

    assert second.returncode == 2
    assert second.stderr.strip() == f"webmon: port {port} is already in use: stop the other program or pass --port"
    assert took < 2
    assert not (tmp_path / "elsewhere" / "data").exists()  # nothing was set up before the refusal


def test_version_prints_the_version(tmp_path):
    from webmon import __version__

    result = run_webmon("--version", env=clean_env(), cwd=tmp_path)

    assert result.returncode == 0
    assert result.stdout.strip() == f"webmon {__version__}"


def test_the_package_metadata_uses_the_spdx_license_form_setuptools_no_longer_warns_about():
    project = tomllib.loads((ROOT / "backend" / "pyproject.toml").read_text())

    assert project["project"]["license"] == "MIT"
    setuptools = next(r for r in project["build-system"]["requires"] if r.startswith("setuptools"))
    assert int(setuptools.split(">=")[1].split(".")[0]) >= 77


def test_make_run_takes_the_host_and_port_from_its_command_line():
    result = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0", "PORT=8080"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert "webmon serve --host '0.0.0.0' --port '8080'" in result.stdout


def test_make_run_ignores_a_host_the_shell_exported_as_the_machines_name():
    result = subprocess.run(
        ["make", "-n", "run"], cwd=ROOT, env=clean_env(HOST="mybox"), capture_output=True, text=True, timeout=60
    )

    assert "webmon serve --host '127.0.0.1' --port '8000'" in result.stdout


def test_an_address_that_is_not_this_machines_is_one_clear_line(tmp_path):
    # 192.0.2.1 is reserved for documentation (TEST-NET-1): no machine has it, nothing is sent.
    result = run_webmon("serve", "--host", "192.0.2.1", "--port", str(free_port()), env=clean_env(), cwd=tmp_path)

    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "webmon: 192.0.2.1 is not an address of this machine: pass --host 127.0.0.1 or --host 0.0.0.0"
    )
