"""docker-compose.yml is valid (the Compose tool's own `config`) and has the shape the deployment
promises. There is no Docker engine here: `config` is as far as Compose can go; the stack test runs
the same processes directly."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.services import IN_CI

REPO = Path(__file__).resolve().parents[2]


def _compose_command() -> list[str]:
    docker = shutil.which("docker")
    if docker and subprocess.run([docker, "compose", "version"], capture_output=True).returncode == 0:
        return [docker, "compose"]
    if shutil.which("docker-compose"):
        return ["docker-compose"]  # Debian's Compose, where the docker CLI has no compose plugin
    message = "neither `docker compose` nor `docker-compose` is installed; `make test` installs one"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _config(tmp_path: Path, env: str) -> subprocess.CompletedProcess[str]:
    """`compose config` on a copy of the repository's files with this .env."""
    for name in ("docker-compose.yml", ".env.example"):
        shutil.copy(REPO / name, tmp_path / name)
    (tmp_path / ".env").write_text(env)
    return subprocess.run(
        [
            *_compose_command(),
            "--project-directory",
            str(tmp_path),
            "-f",
            str(tmp_path / "docker-compose.yml"),
            "config",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


@pytest.fixture
def config(tmp_path) -> dict:
    result = _config(tmp_path, "WEBMON_SECRET_KEY=" + "k" * 48 + "\nPOSTGRES_PASSWORD=pw\n")
    assert result.returncode == 0, result.stderr
    return yaml.safe_load(result.stdout)


def test_compose_config_is_valid_and_has_every_service(config):
    assert set(config["services"]) >= {
        "postgres",
        "redis",
        "migrate",
        "api",
        "worker",
        "beat",
        "bot",
        "nginx",
        "backup",
    }


def test_the_api_answers_to_its_compose_name_and_the_public_host_only(tmp_path):
    from webmon.api.hosts import HostPolicy
    from webmon.config import load_settings

    env = "WEBMON_SECRET_KEY=" + "k" * 48 + "\nPOSTGRES_PASSWORD=pw\nWEBMON_PUBLIC_URL=https://monitor.example.org\n"
    result = _config(tmp_path, env)
    assert result.returncode == 0, result.stderr
    environment = yaml.safe_load(result.stdout)["services"]["api"]["environment"]
    settings = load_settings(
        _env_file=None,
        secret_key="k" * 48,
        allowed_hosts=environment["WEBMON_ALLOWED_HOSTS"],
        public_url="https://monitor.example.org",
    )
    policy = HostPolicy(settings.allowed_hosts, settings.public_url.host)

    assert policy.allows("api:8000")  # Prometheus, or anything on the Compose network
    assert policy.allows("monitor.example.org")  # what Nginx passes on (`proxy_set_header Host $host`)
    assert not policy.allows("evil.example")


def test_redis_keeps_its_queue_on_disk_and_never_evicts(config):
    command = " ".join(config["services"]["redis"]["command"])

    assert "--appendonly yes" in command
    assert "--maxmemory-policy noeviction" in command


def test_the_api_runs_several_uvicorn_workers_and_workers_can_be_scaled(config):
    api = config["services"]["api"]["command"]
    worker = config["services"]["worker"]

    assert api[api.index("--workers") + 1] != "1"
    assert "container_name" not in worker  # `--scale worker=N` needs unnamed containers


def test_services_wait_for_their_dependencies_to_be_healthy(config):
    services = config["services"]

    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("api", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert services["nginx"]["depends_on"]["api"]["condition"] == "service_healthy"
    assert "healthcheck" in services["postgres"] and "healthcheck" in services["redis"]


def test_only_services_that_serve_http_keep_the_images_health_check(config):
    # The backend image's HEALTHCHECK asks http://127.0.0.1:8000/health: true only of the API.
    services = config["services"]

    for name in ("migrate", "beat", "bot"):
        check = services[name]["healthcheck"]
        assert check.get("disable") is True or check.get("test") == ["NONE"], name  # as Compose writes it
    assert "healthcheck" not in services["api"]  # the image's own
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])


def test_long_running_services_restart_and_migrate_runs_once(config):
    services = config["services"]

    for name in ("postgres", "redis", "api", "worker", "beat", "nginx", "backup"):
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"


def test_nginx_publishes_http_and_https_with_mounted_certificates(config):
    nginx = config["services"]["nginx"]

    published = {
        str(port.get("published")) if isinstance(port, dict) else port.split(":")[0] for port in nginx["ports"]
    }
    assert published == {"80", "443"}
    assert any("/etc/nginx/certs" in str(volume) for volume in nginx["volumes"])


def test_no_secret_is_written_in_the_compose_file():
    text = (REPO / "docker-compose.yml").read_text()

    assert "${WEBMON_SECRET_KEY:?" in text
    assert "${POSTGRES_PASSWORD:?" in text
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.startswith(("WEBMON_SECRET_KEY=", "POSTGRES_PASSWORD=", "WEBMON_TELEGRAM_BOT_TOKEN=")):
            assert line.endswith("="), f"{line}: .env.example must not carry a secret"


def test_compose_refuses_to_start_without_the_secrets(tmp_path):
    result = _config(tmp_path, "")

    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr or "WEBMON_SECRET_KEY" in result.stderr
