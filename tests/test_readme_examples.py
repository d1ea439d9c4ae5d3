"""The README's "API in one minute" runs exactly as printed against a real `webmon serve`.

Two substitutions, and only these: `localhost:8000` becomes the free port this test's server
listens on (several test runs share the machine), and the example's `https://example.com/` becomes
a page served on 127.0.0.1 that contains the same word (tests never reach the internet; the server
is told to allow that private address). Everything else — curl's flags, the quoting, the
`python3` line that reads the token — is the README's text, run by bash with `-e -o pipefail` so
that any command that fails fails the test."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.targets import target_site

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## The API in one minute"
README_SERVER = "localhost:8000"
README_SITE = "https://example.com/"


def section(title: str) -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index(title + "\n")
    end = text.find("\n## ", start + len(title))
    return text[start : end if end != -1 else len(text)]


def shell_blocks(markdown: str) -> list[str]:
    return re.findall(r"^```(?:sh|bash|shell)\n(.*?)^```", markdown, flags=re.DOTALL | re.MULTILINE)


def test_the_section_has_shell_examples_that_use_the_default_address():
    blocks = shell_blocks(section(SECTION))

    assert blocks
    assert all(README_SERVER in block for block in blocks)
    assert README_SITE in "".join(blocks)


@pytest.fixture
def serve(tmp_path):
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)],
        env=clean_env(WEBMON_ALLOW_PRIVATE_TARGETS="true", WEBMON_SCHEDULER_TICK="1"),
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", process, timeout=60)
        yield f"127.0.0.1:{port}"
    finally:
        stop(process)
        log.close()


async def test_the_api_in_one_minute_runs_as_printed(serve, tmp_path):
    for tool in ("bash", "curl", "python3"):
        assert shutil.which(tool), f"the README's example needs {tool}"
    async with target_site() as target:
        site_url = target.serve("/", body="<html><body><h1>Example Domain</h1></body></html>")
        outputs = []
        for block in shell_blocks(section(SECTION)):
            script = block.replace(README_SERVER, serve).replace(README_SITE, site_url)
            result = await asyncio.to_thread(
                subprocess.run,
                ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
                capture_output=True,
                text=True,
                timeout=60,
                cwd=tmp_path,
            )
            assert result.returncode == 0, f"{script}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
            assert "Traceback" not in result.stderr
            outputs.append(result.stdout)

        # The final state is the one the README describes: one site, listed, soon up.
        async with httpx.AsyncClient(base_url=f"http://{serve}", timeout=10) as client:
            login = await client.post(
                "/api/v1/auth/login", json={"email": "me@example.com", "password": "a long password"}
            )
            headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
            for _ in range(100):
                [site] = (await client.get("/api/v1/websites", headers=headers)).json()
                if site["status"] != "pending":
                    break
                await asyncio.sleep(0.1)

    assert f'"url":"{site_url}"' in outputs[-1].replace(" ", "")
    assert site["url"] == site_url
    assert site["valid_word"] == "Example"
    assert site["check_interval"] == 60
    assert site["status"] == "up"
