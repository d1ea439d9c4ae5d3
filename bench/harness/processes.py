"""Webmon's processes and the local target: start, watch, stop."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from devkit.processes import WEBMON, clean_env, free_port

from .common import BENCH, PYTHON, SECRET


def wait_for_port(port: int, timeout: float = 30, process: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.args!r} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@dataclass
class Started:
    name: str
    group: str
    process: subprocess.Popen[bytes]
    log: Path


class Processes:
    """Processes this benchmark started, by name and CPU group; each in its own session so that
    stopping one stops its children too (by process-group id, never by name)."""

    def __init__(self, folder: Path, env: dict[str, str]) -> None:
        self.folder = folder
        self.env = env
        self.items: dict[str, Started] = {}

    def start(self, name: str, group: str, argv: Sequence[str], env: dict[str, str] | None = None) -> Started:
        log = self.folder / f"{name}.log"
        handle = log.open("ab")
        process = subprocess.Popen(
            list(argv),
            env=env or self.env,
            cwd=self.folder,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        handle.close()
        started = Started(name, group, process, log)
        self.items[name] = started
        return started

    def webmon(self, name: str, group: str, *args: str, env: dict[str, str] | None = None) -> Started:
        return self.start(name, group, [WEBMON, *args], env)

    def stop(self, name: str, timeout: float = 30, sig: int = signal.SIGTERM) -> float:
        """Signal the process, wait for it (then kill its group); returns seconds it took."""
        started = self.items.pop(name)
        began = time.monotonic()
        process = started.process
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(sig)
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        if process.poll() is None:
            process.wait(10)
        return time.monotonic() - began

    def stop_all(self) -> None:
        for name in list(self.items):
            with contextlib.suppress(Exception):
                self.stop(name, timeout=15)

    def pids(self, group: str) -> list[int]:
        return [s.process.pid for s in self.items.values() if s.group == group and s.process.poll() is None]

    def groups(self) -> dict[str, list[int]]:
        result: dict[str, list[int]] = defaultdict(list)
        for started in self.items.values():
            if started.process.poll() is None:
                result[started.group].append(started.process.pid)
        return dict(result)

    def tail(self, name: str, chars: int = 3000) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def run_webmon(args: Sequence[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> None:
    done = subprocess.run([WEBMON, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"webmon {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")


def webmon_env(folder: Path, **values: str) -> dict[str, str]:
    env = clean_env(
        WEBMON_SECRET_KEY=SECRET,
        WEBMON_ALLOW_PRIVATE_TARGETS="true",
        WEBMON_DATA_DIR=str(folder / "data"),
        **values,
    )
    env.pop("CI", None)
    return env


def start_target(processes: Processes, procs: int = 1) -> tuple[int, str]:
    """bench/targets.py in its own process tree (counted as the `target` group)."""
    port = free_port()
    started = processes.start(
        "target", "target", [PYTHON, str(BENCH / "targets.py"), "--procs", str(procs), "--port", str(port)]
    )
    wait_for_port(port, 30, started.process)
    return port, f"http://127.0.0.1:{port}/"
