"""nginx/nginx.conf is valid (`nginx -t`) and, run for real in front of `webmon serve`, does what
the deployment relies on: HTTPS redirect, the dashboard with history fallback and headers, long
caching of hashed assets, gzip, the API proxied, and a stricter limit on the auth routes."""

from __future__ import annotations

import getpass
import os
import shutil
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest
import trustme

from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.services import IN_CI

REPO = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def nginx_binary():
    if not Path(NGINX).exists():
        message = "nginx is not installed; `make test` installs Debian's package"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return NGINX


@pytest.fixture
def site_files(tmp_path):
    root = tmp_path / "html"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text('<!doctype html><div id="app"></div><script src="/assets/app-1a2b.js"></script>')
    (root / "assets" / "app-1a2b.js").write_text("console.log('webmon');\n" * 200)
    return root


def _config(tmp_path: Path, *, api_port: int, http_port: int, https_port: int, html: Path) -> Path:
    ca = trustme.CA()
    cert = ca.issue_cert("localhost", "127.0.0.1")
    cert.private_key_pem.write_to_path(str(tmp_path / "privkey.pem"))
    cert.cert_chain_pems[0].write_to_path(str(tmp_path / "fullchain.pem"))
    ca.cert_pem.write_to_path(str(tmp_path / "ca.pem"))
    shutil.copy(REPO / "nginx" / "webmon-proxy.conf", tmp_path / "webmon-proxy.conf")
    text = (REPO / "nginx" / "nginx.conf").read_text()
    replacements = {
        "server api:8000;": f"server 127.0.0.1:{api_port};",
        "listen 80;": f"listen 127.0.0.1:{http_port};",
        "listen [::]:80;": "",
        "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
        "listen [::]:443 ssl http2;": "",
        "/etc/nginx/certs/": f"{tmp_path}/",
        "/etc/nginx/webmon-proxy.conf": f"{tmp_path}/webmon-proxy.conf",
        "root /usr/share/nginx/html;": f"root {html};",
        "pid /tmp/nginx.pid;": f"pid {tmp_path}/nginx.pid;",
        # Workers must read the pytest folder (private to its owner), so they run as this user.
        "worker_processes auto;": f"user {getpass.getuser()};\nworker_processes 1;"
        if os.geteuid() == 0
        else "worker_processes 1;",
    }
    for old, new in replacements.items():
        assert old in text, f"nginx.conf no longer contains {old!r}; update this test"
        text = text.replace(old, new)
    path = tmp_path / "nginx.conf"
    path.write_text(text)
    return path


def test_the_shipped_config_passes_nginx_t(nginx_binary, tmp_path, site_files):
    config = _config(tmp_path, api_port=free_port(), http_port=free_port(), https_port=free_port(), html=site_files)

    result = subprocess.run(
        [nginx_binary, "-t", "-c", str(config), "-p", str(tmp_path)], capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.fixture
def stack(nginx_binary, tmp_path, site_files):
    api_port, http_port, https_port = free_port(), free_port(), free_port()
    config = _config(tmp_path, api_port=api_port, http_port=http_port, https_port=https_port, html=site_files)
    api = subprocess.Popen(
        [WEBMON, "serve", "--port", str(api_port)],
        env=clean_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    nginx = subprocess.Popen(
        [nginx_binary, "-c", str(config), "-p", str(tmp_path), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{api_port}/health", api)
        wait_for_http(f"http://127.0.0.1:{http_port}/", nginx)
        with httpx.Client(
            base_url=f"https://127.0.0.1:{https_port}",
            verify=ssl.create_default_context(cafile=str(tmp_path / "ca.pem")),
        ) as client:
            yield client, http_port
    finally:
        stop(nginx)
        stop(api)


def test_plain_http_is_redirected_to_https(stack):
    _, http_port = stack

    response = httpx.get(f"http://127.0.0.1:{http_port}/websites/3?x=1")

    assert response.status_code == 301
    assert response.headers["location"].startswith("https://") and response.headers["location"].endswith(
        "/websites/3?x=1"
    )


def test_the_dashboard_is_served_with_history_fallback_and_security_headers(stack):
    client, _ = stack

    response = client.get("/websites/3")

    assert response.status_code == 200
    assert '<div id="app">' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["strict-transport-security"].startswith("max-age=")
    assert response.headers["cache-control"] == "no-cache"


def test_hashed_assets_are_cached_long_and_gzipped(stack):
    client, _ = stack

    response = client.get("/assets/app-1a2b.js", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]
    assert response.headers["content-encoding"] == "gzip"


def test_the_api_and_health_are_proxied(stack):
    client, _ = stack

    assert client.get("/health").json()["status"] == "ok"
    assert client.get("/api/v1/auth/me").status_code == 401
    assert client.get("/openapi.json").json()["info"]["title"] == "Webmon"


def test_logins_from_one_address_are_rate_limited(stack):
    client, _ = stack

    codes = [
        client.post("/api/v1/auth/login", json={"email": "x@example.com", "password": "guess guess"}).status_code
        for _ in range(20)
    ]

    assert 401 in codes
    assert 429 in codes
