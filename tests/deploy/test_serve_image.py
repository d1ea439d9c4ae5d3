"""The one-container image (Dockerfile at the root: `docker run -p 8000:8000 -v webmon:/data webmon`).

There is no Docker engine here, so the image is tested in two halves: its entrypoint script runs
outside Docker exactly as the image runs it (a temporary folder stands for /data), and the
Dockerfile is read to check that what it copies exists and that its paths, port and entrypoint are
the ones the script and the health check use."""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.processes import clean_env, free_port, stop, wait_for_http

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
ENTRYPOINT = ROOT / "deploy" / "serve-entrypoint.sh"


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", path.read_text())
    result = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            result.append((keyword.upper(), rest.strip()))
    return result


def final_stage(path: Path) -> list[tuple[str, str]]:
    steps = instructions(path)
    last_from = max(i for i, (keyword, _) in enumerate(steps) if keyword == "FROM")
    return steps[last_from:]


def exec_form(arguments: str) -> list[str]:
    import json

    return json.loads(arguments)


def env_of(steps: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for keyword, arguments in steps:
        if keyword == "ENV":
            for pair in shlex.split(arguments):
                name, _, value = pair.partition("=")
                values[name] = value
    return values


def dockerignored(relative: str) -> bool:
    patterns = [line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines() if line.strip()]
    return any(fnmatch.fnmatch(relative, p) or relative.startswith(p.rstrip("/") + "/") for p in patterns)


# The entrypoint, run as the image runs it.


@pytest.fixture
def image_run(tmp_path):
    """The entrypoint with a temporary folder as /data, started from another folder, like the
    image's CMD but on 127.0.0.1 (tests never listen beyond this machine)."""
    data = tmp_path / "volume"
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    port = free_port()
    env = clean_env(WEBMON_DATA_DIR=str(data))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    log = tmp_path / "entrypoint.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["sh", str(ENTRYPOINT), "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=elsewhere,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        health = wait_for_http(f"http://127.0.0.1:{port}/health", process, timeout=60)
        yield {"data": data, "cwd": elsewhere, "port": port, "health": health, "log": log, "process": process}
    finally:
        stop(process)


def test_the_entrypoint_starts_webmon_serve_and_answers_health(image_run):
    assert image_run["health"].status_code == 200
    assert image_run["health"].json()["status"] == "ok"
    assert "Webmon is running: " in image_run["log"].read_text()


def test_the_entrypoint_keeps_the_database_and_the_secret_in_the_volume(image_run):
    assert (image_run["data"] / "webmon.db").is_file()
    assert (image_run["data"] / "secret_key").is_file()
    assert not (image_run["cwd"] / "data").exists()


def test_the_entrypoint_keeps_the_volumes_files_private(image_run):
    assert (image_run["data"] / "secret_key").stat().st_mode & 0o077 == 0
    assert (image_run["data"] / "webmon.db").stat().st_mode & 0o077 == 0


def test_the_entrypoint_serves_the_api_from_the_volume(image_run):
    base = f"http://127.0.0.1:{image_run['port']}"
    registered = httpx.post(
        f"{base}/api/v1/auth/register",
        json={"email": "docker@example.com", "username": "docker", "password": "a long password"},
        timeout=10,
    )

    assert registered.status_code == 201


def test_the_entrypoint_refuses_a_data_folder_it_cannot_create(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = clean_env(WEBMON_DATA_DIR=str(blocker / "data"))
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"

    result = subprocess.run(
        ["sh", str(ENTRYPOINT), "--port", str(free_port())], env=env, capture_output=True, text=True, timeout=30
    )

    assert result.returncode == 1
    assert "is not writable" in result.stderr and "-v webmon:/data" in result.stderr


# The Dockerfile, read.


def test_every_file_the_dockerfile_copies_exists_and_is_in_the_build_context():
    for keyword, arguments in instructions(DOCKERFILE):
        if keyword != "COPY" or arguments.startswith("--from="):
            continue
        *sources, _ = shlex.split(arguments)
        for source in sources:
            assert (ROOT / source).exists(), source
            assert not dockerignored(source.rstrip("/")), f"{source} is left out by .dockerignore"


def test_the_dashboard_stage_builds_where_the_final_stage_copies_from():
    steps = instructions(DOCKERFILE)
    stages = [arguments.split() for keyword, arguments in steps if keyword == "FROM"]
    named = {words[-1] for words in stages if len(words) == 3 and words[1].upper() == "AS"}
    [copy] = [arguments for keyword, arguments in steps if keyword == "COPY" and arguments.startswith("--from=")]
    stage, source, target = shlex.split(copy.removeprefix("--from="))
    workdir = next(arguments for keyword, arguments in steps if keyword == "WORKDIR")

    assert stage in named
    # Vite builds into dist/ of the frontend folder (vite.config.ts) unless told otherwise.
    assert source.rstrip("/") == f"{workdir}/dist"
    assert "outDir: process.env.WEBMON_DASHBOARD_OUT || 'dist'" in (ROOT / "frontend" / "vite.config.ts").read_text()
    # Into the package's static/ folder, which `webmon serve` serves (web/spa.py) and pip installs.
    assert target.rstrip("/") == "/app/backend/webmon/static"
    assert "static/**/*" in (ROOT / "backend" / "pyproject.toml").read_text()


def test_the_entrypoint_is_the_script_the_dockerfile_installs():
    steps = final_stage(DOCKERFILE)
    copies = dict(
        reversed(shlex.split(arguments))
        for keyword, arguments in steps
        if keyword == "COPY" and "--from" not in arguments
    )
    [entrypoint] = [exec_form(arguments) for keyword, arguments in steps if keyword == "ENTRYPOINT"]
    installed = next(target for target, source in copies.items() if source == "deploy/serve-entrypoint.sh")

    assert installed.startswith("/usr/local/bin/")
    assert entrypoint == [installed.removeprefix("/usr/local/bin/")]
    assert os.access(ENTRYPOINT, os.X_OK)
    assert ENTRYPOINT.read_text().startswith("#!/bin/sh\n")


def test_the_data_folder_is_the_volume_the_entrypoint_defaults_to_and_the_user_owns():
    steps = final_stage(DOCKERFILE)
    data_dir = env_of(steps)["WEBMON_DATA_DIR"]
    [volume] = [exec_form(arguments) for keyword, arguments in steps if keyword == "VOLUME"]
    runs = " ".join(arguments for keyword, arguments in steps if keyword == "RUN")
    [user] = [arguments for keyword, arguments in steps if keyword == "USER"]

    assert data_dir == "/data"
    assert volume == [data_dir]
    assert f'WEBMON_DATA_DIR="${{WEBMON_DATA_DIR:-{data_dir}}}"' in ENTRYPOINT.read_text()
    assert f"chown {user}:{user} {data_dir}" in runs
    assert user not in ("root", "0")


def test_the_image_listens_on_every_interface_on_the_port_it_exposes_and_checks():
    steps = final_stage(DOCKERFILE)
    [expose] = [arguments for keyword, arguments in steps if keyword == "EXPOSE"]
    [command] = [exec_form(arguments) for keyword, arguments in steps if keyword == "CMD"]
    [health] = [arguments for keyword, arguments in steps if keyword == "HEALTHCHECK"]

    assert command == ["--host", "0.0.0.0", "--port", expose]
    assert f"http://127.0.0.1:{expose}/health" in health
