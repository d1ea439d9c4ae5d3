"""A fast local HTTP target for benchmarks: uvloop + a bare asyncio.Protocol, in separate processes.

Every request gets the same small page containing the word, with ``Connection: close``; the
server closes first, so TIME_WAIT sockets pile up on the target side, not the measuring side.
Several processes share one port with SO_REUSEPORT.

    python bench/targets.py --procs 2 --port 8099     # serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import socket
from collections.abc import Iterator
from contextlib import contextmanager

WORD = "Welcome"
PAGE = (
    b"<!doctype html><html><head><title>Bench</title></head>"
    b"<body><h1>Welcome to the benchmark target</h1><p>" + b"lorem ipsum " * 40 + b"</p></body></html>"
)
RESPONSE = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n"
    b"Content-Length: " + str(len(PAGE)).encode() + b"\r\n"
    b"Connection: close\r\n"
    b"\r\n" + PAGE
)


class _Page(asyncio.Protocol):
    __slots__ = ("buffer", "transport")

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if b"\r\n\r\n" in self.buffer:
            self.transport.write(RESPONSE)  # type: ignore[attr-defined]
            self.transport.close()

    def eof_received(self) -> None:
        self.transport.close()


def _listening_socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(4096)
    sock.setblocking(False)
    return sock


def _serve(host: str, port: int, ready: mp.synchronize.Event | None) -> None:
    import uvloop

    async def main() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(_Page, sock=_listening_socket(host, port), backlog=4096)
        if ready is not None:
            ready.set()
        await server.serve_forever()

    try:
        uvloop.run(main())
    except KeyboardInterrupt:
        pass


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextmanager
def running_target(procs: int = 1, host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Start ``procs`` target processes on one port; yield the page URL; stop them."""
    port = port or free_port(host)
    ctx = mp.get_context("spawn")
    processes = []
    try:
        for _ in range(procs):
            ready = ctx.Event()
            process = ctx.Process(target=_serve, args=(host, port, ready), daemon=True)
            process.start()
            processes.append(process)
            if not ready.wait(10):
                raise RuntimeError("benchmark target did not start")
        yield f"http://{host}:{port}/"
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8099)
    args = parser.parse_args()
    with running_target(args.procs, args.host, args.port) as url:
        print(f"serving {url} with {args.procs} process(es); Ctrl-C to stop", flush=True)
        try:
            mp.get_context("spawn").Event().wait()
        except KeyboardInterrupt:
            pass
