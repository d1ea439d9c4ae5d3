"""The port `webmon serve` listens on, bound before anything else starts: a busy port is one clear
line at once, not a traceback after migrations and the start-up. Imports nothing heavy on purpose."""

from __future__ import annotations

import errno
import socket


class CannotListen(RuntimeError):
    """The address or port cannot be had; the message says why and what to do."""


def bind_listener(host: str, port: int) -> socket.socket:
    """A socket bound to host:port, ready for uvicorn (which calls listen on it)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise CannotListen(f"cannot listen on {host}: not an address or name of this machine; pass --host") from None
    # "localhost" may list ::1 first; like uvicorn, a name means its IPv4 address when it has one.
    family, kind, proto, _, address = min(infos, key=lambda info: info[0] != socket.AF_INET)
    sock = socket.socket(family, kind, proto)
    # As uvicorn does: a restart may reuse the port while old connections linger in TIME_WAIT.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise CannotListen(_why(exc, host, port)) from None
    sock.set_inheritable(True)
    return sock


def _why(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return f"port {port} is already in use: stop the other program or pass --port"
    if exc.errno == errno.EACCES:
        return f"port {port} needs special rights on this system: pass --port with a number above 1023"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine: pass --host 127.0.0.1 or --host 0.0.0.0"
    return f"cannot listen on {host}:{port}: {exc.strerror}"
