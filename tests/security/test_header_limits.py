"""What one client can make the HTTP server hold, in `webmon serve` and `webmon api` as users
start them: headers are capped (431, connection closed: a 100 MB header used to be read whole)
and a request that stalls half-way is dropped (it used to stay open indefinitely)."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import TEST_SECRET
from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.services import REDIS_URL

READ_TIMEOUT = 2  # seconds, WEBMON_REQUEST_READ_TIMEOUT for these servers


@pytest.fixture(scope="module", params=["serve", "api"])
def server(request, tmp_path_factory) -> Iterator[int]:  # type: ignore[no-untyped-def]
    folder: Path = tmp_path_factory.mktemp(request.param)
    port = free_port()
    env = clean_env(
        WEBMON_SECRET_KEY=TEST_SECRET,
        WEBMON_DATABASE_URL=f"sqlite+aiosqlite:///{folder}/webmon.db",
        WEBMON_REDIS_URL=REDIS_URL,
        WEBMON_REQUEST_READ_TIMEOUT=str(READ_TIMEOUT),
    )
    process = subprocess.Popen(
        [WEBMON, request.param, "--port", str(port)],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/openapi.json", process)
        yield port
    finally:
        stop(process)


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    sock.settimeout(READ_TIMEOUT * 5)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (a timeout here means it never did)."""
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except ConnectionResetError:
        pass
    return data


def request(port: int, extra_headers: bytes = b"") -> bytes:
    with connect(port) as sock:
        sock.sendall(
            b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers + b"\r\n"
        )
        return read_all(sock)


def test_a_huge_header_is_refused_with_431_and_the_connection_closed(server):
    with connect(server) as sock:
        sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ")
        try:
            for _ in range(100):  # 10 MB, unless the server hangs up first
                sock.sendall(b"a" * 100_000)
        except (BrokenPipeError, ConnectionResetError):
            pass
        answer = read_all(sock)

    assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]


def test_a_header_just_over_the_cap_sent_in_pieces_is_refused(server):
    with connect(server) as sock:
        sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + b"a" * 40_000)
        time.sleep(0.3)  # two reads on the server's side
        sock.sendall(b"a" * 40_000 + b"\r\n\r\n")
        answer = read_all(sock)

    assert answer.startswith(b"HTTP/1.1 431 "), answer[:100]


def test_headers_under_the_cap_are_served(server):
    answer = request(server, b"Cookie: " + b"c" * 40_000 + b"\r\n")

    assert answer.startswith(b"HTTP/1.1 200 ")


def test_many_small_headers_count_together(server):
    headers = b"".join(b"X-H%d: %s\r\n" % (number, b"v" * 1000) for number in range(100))  # 100 KB

    assert request(server, headers).startswith(b"HTTP/1.1 431 ")


def test_a_request_whose_headers_stall_is_answered_408_and_dropped(server):
    with connect(server) as sock:
        sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        started = time.monotonic()
        answer = read_all(sock)
        waited = time.monotonic() - started

    assert answer.startswith(b"HTTP/1.1 408 ")
    assert READ_TIMEOUT - 0.5 <= waited < READ_TIMEOUT + 3


def test_a_request_whose_body_stalls_is_dropped(server):
    with connect(server) as sock:
        sock.sendall(
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"email": '
        )
        started = time.monotonic()
        read_all(sock)
        waited = time.monotonic() - started

    assert waited < READ_TIMEOUT + 3


def test_a_connection_that_sends_nothing_is_dropped(server):
    with connect(server) as sock:
        started = time.monotonic()
        read_all(sock)

        assert time.monotonic() - started < READ_TIMEOUT + 3


def test_a_kept_alive_connection_serves_request_after_request(server):
    with connect(server) as sock:
        for _ in range(3):
            sock.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            answer = b""
            while b"\r\n\r\n" not in answer:
                answer += sock.recv(65536)
            assert answer.startswith(b"HTTP/1.1 200 ")
            head, _, body = answer.partition(b"\r\n\r\n")
            length = int(
                next(line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")).split(b":")[1]
            )
            while len(body) < length:
                body += sock.recv(65536)
            time.sleep(READ_TIMEOUT / 2)  # the deadline is per request, not per connection
