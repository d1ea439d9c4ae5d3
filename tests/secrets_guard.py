"""A pytest plugin: no response and no log line, anywhere in the suite, shows a secret.

Loaded for the whole suite (see the root conftest.py). Secrets watched:

- the Telegram bot token the tests configure (its secret part, after the colon);
- the JWT signing key the tests use;
- a bcrypt password hash (`$2b$` + cost + 53 characters), whoever's it is.

Every httpx response a test receives (in-process ASGI apps and real servers alike; requests to the
Telegram Bot API itself, whose URLs carry the token by design, excepted) and every log record that
reaches the root logger, tracebacks included, is scanned. A test during which a secret showed
fails in its teardown, naming where it was seen. Tests that start servers as processes scan those
logs themselves with :func:`find_secrets` (see tests/faults and tests/security/test_fuzz.py).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator

import httpx
import pytest

from tests.conftest import TELEGRAM_TOKEN, TEST_SECRET

BCRYPT_HASH = re.compile(r"\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}")
_watched: dict[str, str] = {
    TELEGRAM_TOKEN.partition(":")[2]: "the Telegram bot token",
    TEST_SECRET: "the JWT secret key",
}
_seen: list[str] = []


def watch(secret: str, name: str) -> None:
    """Also watch `secret` (a test's own token or key) from now on."""
    if secret:
        _watched[secret] = name


def find_secrets(text: str | bytes) -> list[str]:
    """The names of the secrets `text` contains."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    found = [name for secret, name in _watched.items() if secret in text]
    if BCRYPT_HASH.search(text):
        found.append("a bcrypt password hash")
    return found


def scan_files(paths: Iterable[object]) -> list[str]:
    """`file: secret` for every file (a server's log, a fuzzer's report) that contains a secret."""
    problems = []
    for path in paths:
        try:
            data = open(path, "rb").read()  # noqa: SIM115 - any path-like
        except OSError:
            continue
        problems += [f"{path}: {name}" for name in find_secrets(data)]
    return problems


# -- responses ---------------------------------------------------------------------------------------


def _telegram_api_call(request: httpx.Request) -> bool:
    return any(secret in str(request.url) for secret in _watched if "Telegram" in _watched[secret])


def _check_response(response: httpx.Response) -> None:
    if _telegram_api_call(response.request):
        return
    try:
        content = response.content
    except httpx.ResponseNotRead:
        content = b""  # a streamed body the test reads itself
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.multi_items())
    for name in find_secrets(headers + "\n" + content.decode("utf-8", "replace")):
        _seen.append(f"{name} in the response to {response.request.method} {response.request.url.path}")


def _patch_httpx() -> None:
    original_async = httpx.AsyncClient.send
    original_sync = httpx.Client.send

    async def send_async(self, request, **kwargs):  # type: ignore[no-untyped-def]
        response = await original_async(self, request, **kwargs)
        _check_response(response)
        return response

    def send_sync(self, request, **kwargs):  # type: ignore[no-untyped-def]
        response = original_sync(self, request, **kwargs)
        _check_response(response)
        return response

    httpx.AsyncClient.send = send_async  # type: ignore[method-assign]
    httpx.Client.send = send_sync  # type: ignore[method-assign]


# -- logs ----------------------------------------------------------------------------------------------


class _SecretsInLogs(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)  # the message with its arguments, and any traceback
        except Exception:
            return
        for name in find_secrets(text):
            _seen.append(f"{name} in a log record of {record.name} ({record.levelname})")


_handler = _SecretsInLogs()


def pytest_configure(config: pytest.Config) -> None:
    _patch_httpx()
    logging.getLogger().addHandler(_handler)
    # Webmon's own debug lines are scanned too, not only what production's INFO would show.
    logging.getLogger("webmon").setLevel(logging.DEBUG)


def pytest_unconfigure(config: pytest.Config) -> None:
    logging.getLogger().removeHandler(_handler)


@pytest.fixture(autouse=True)
def _no_secret_shows() -> Iterator[None]:
    start = len(_seen)
    yield
    leaked = _seen[start:]
    del _seen[start:]
    if leaked:
        pytest.fail("a secret showed:\n  " + "\n  ".join(dict.fromkeys(leaked)), pytrace=False)
