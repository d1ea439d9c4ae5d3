"""The `webmon` command."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from webmon.config import Settings, SettingsError, ensure_secret_key, load_settings
from webmon.logs import configure_logging

cli = typer.Typer(
    help="Webmon: a self-hosted website monitor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HostOption = Annotated[str, typer.Option(help="address to listen on")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")]


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level)
    return settings


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"webmon: {exc}", err=True)
    return typer.Exit(2)


@cli.command()
def serve(host: HostOption = "127.0.0.1", port: PortOption = 8000) -> None:
    """The whole product in one process: API, dashboard, scheduler, checks, alerts (SQLite by default)."""
    import uvicorn

    from webmon.app import create_app
    from webmon.migrations import upgrade_to_head

    settings = _settings()
    try:
        settings = ensure_secret_key(settings)
    except SettingsError as exc:
        raise _fail(exc) from None
    upgrade_to_head(settings.database_url)
    uvicorn.run(create_app(settings), host=host, port=port, loop=_loop(), proxy_headers=False, log_config=None)


@cli.command()
def api(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="uvicorn worker processes")] = 1,
) -> None:
    """The API alone (uvicorn), for the multi-service deployment. Needs WEBMON_SECRET_KEY."""
    import uvicorn

    settings = _settings()
    try:
        settings.require_secret_key()
    except SettingsError as exc:
        raise _fail(exc) from None
    uvicorn.run(
        "webmon.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop=_loop(),
        log_config=None,
    )


@cli.command()
def migrate() -> None:
    """Upgrade the configured database to the newest schema (`alembic upgrade head`)."""
    from webmon.migrations import upgrade_to_head

    settings = _settings()
    upgrade_to_head(settings.database_url)
    typer.echo("database is at the newest schema")


def _loop() -> str:
    try:
        import uvloop  # noqa: F401
    except ImportError:
        return "asyncio"
    return "uvloop"


def main() -> None:
    try:
        cli()
    except SettingsError as exc:
        print(f"webmon: {exc}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()
