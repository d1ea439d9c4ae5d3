"""Webmon's own command, a free port on 127.0.0.1, and an environment without stray WEBMON_ settings."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

WEBMON = str(Path(sys.executable).with_name("webmon"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def clean_env(**values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEBMON_")}
    env.update(values)
    return env
