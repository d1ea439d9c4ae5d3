"""Start Webmon's own commands as real processes, the way users and CI start them."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import httpx

from devkit.processes import WEBMON, clean_env, free_port

__all__ = ["WEBMON", "clean_env", "free_port", "run_webmon", "stop", "wait_for_http"]


def run_webmon(*args: str, env: dict[str, str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([WEBMON, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def wait_for_http(url: str, process: subprocess.Popen[bytes] | None = None, timeout: float = 30) -> httpx.Response:
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {url} answered")
        try:
            return httpx.get(url, timeout=2)
        except httpx.HTTPError as exc:
            last_error = exc
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {timeout} s: {last_error}")


def stop(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
