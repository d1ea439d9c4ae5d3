"""The `webmon` command."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from webmon.config import Settings, SettingsError, ensure_secret_key, load_settings
from webmon.logs import configure_logging, tune_gc

cli = typer.Typer(
    help="Webmon: a self-hosted website monitor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

HostOption = Annotated[str, typer.Option(help="address to listen on")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="port to listen on")]


def _print_version(value: bool) -> None:
    if value:
        from webmon import __version__

        typer.echo(f"webmon {__version__}")
        raise typer.Exit()


@cli.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="print the version and exit")
    ] = False,
) -> None:
    """Webmon: a self-hosted website monitor."""


def _settings() -> Settings:
    try:
        settings = load_settings()
    except SettingsError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    configure_logging(settings.log_level)
    tune_gc()
    return settings


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"webmon: {exc}", err=True)
    return typer.Exit(2)


def _require_secret(settings: Settings) -> Settings:
    """Only `serve` may invent a key; the processes of the multi-service mode must share one."""
    try:
        settings.require_secret_key()
    except SettingsError as exc:
        raise _fail(exc) from None
    return settings


@cli.command()
def serve(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    access_log: Annotated[
        bool | None, typer.Option("--access-log/--no-access-log", help="log every request (WEBMON_ACCESS_LOG)")
    ] = None,
) -> None:
    """The whole product in one process: API, dashboard, scheduler, checks, alerts (SQLite by default)."""
    from webmon.web.listen import CannotListen, bind_listener

    settings = _settings()
    _quiet_start(settings)
    try:
        # First: a busy port is one clear line at once, before the heavy imports and migrations.
        listener = bind_listener(host, port)
    except CannotListen as exc:
        raise _fail(exc) from None

    import uvicorn

    from webmon.api.state import state_of
    from webmon.app import create_app
    from webmon.migrations import upgrade_to_head
    from webmon.web.http_limits import server_options
    from webmon.web.server import AnnouncingServer, any_account, ready_line
    from webmon.web.spa import dashboard_dir

    try:
        settings = ensure_secret_key(settings)
    except SettingsError as exc:
        raise _fail(exc) from None
    upgrade_to_head(settings.database_url)
    _prepare_partitions(settings)
    dashboard = dashboard_dir()
    if dashboard is None:
        typer.echo(
            "webmon: the dashboard is not built (`make run` builds it; it needs Node.js); serving the API only",
            err=True,
        )
    app = create_app(settings, scheduler=True, dashboard=dashboard)

    async def announce() -> str:
        return ready_line(
            settings,
            host,
            port,
            has_accounts=await any_account(state_of(app).database),
            dashboard=dashboard is not None,
        )

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        loop=_loop(),
        proxy_headers=False,
        log_config=None,
        access_log=settings.access_log if access_log is None else access_log,
        **server_options(settings),
    )
    AnnouncingServer(config, announce).run(sockets=[listener])


def _quiet_start(settings: Settings) -> None:
    """`serve` starts with nothing but its last line (warnings and errors still show); DEBUG shows all."""
    import logging

    if settings.log_level != "DEBUG":
        for name in ("uvicorn.error", "alembic"):
            logging.getLogger(name).setLevel(logging.WARNING)


@cli.command()
def api(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="uvicorn worker processes")] = 1,
) -> None:
    """The API alone (uvicorn), for the multi-service deployment. Needs WEBMON_SECRET_KEY."""
    import uvicorn

    from webmon.web.http_limits import server_options

    settings = _require_secret(_settings())
    uvicorn.run(
        "webmon.app:create_api_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        loop=_loop(),
        log_config=None,
        # Whose X-Forwarded-For to believe is WEBMON_TRUSTED_PROXIES' call, not uvicorn's.
        proxy_headers=False,
        **server_options(settings),
    )


@cli.command()
def worker(
    threads: Annotated[int, typer.Option(min=1, max=512, help="batches a worker process runs at once")] = 16,
    queues: Annotated[str, typer.Option(help="comma-separated queues to consume")] = "checks,notifications,maintenance",
    supervise: Annotated[bool, typer.Option(help="start the Celery worker again if it exits on its own")] = True,
) -> None:
    """A Celery worker: runs check batches, notifications and cleanup (same as `celery -A webmon.worker worker`)."""
    settings = _require_secret(_settings())
    arguments = ["--threads", str(threads), "--queues", queues]
    if supervise:
        from webmon.worker.supervisor import supervise as run_supervised

        raise typer.Exit(run_supervised([sys.executable, "-m", "webmon", "worker", *arguments, "--no-supervise"]))
    from webmon.worker import app as celery_app

    celery_app.worker_main(
        [
            "worker",
            "--pool",
            "threads",
            "--concurrency",
            str(threads),
            "--queues",
            queues,
            "--loglevel",
            settings.log_level,
            "--without-gossip",
            "--without-mingle",
        ]
    )


@cli.command()
def beat() -> None:
    """Celery Beat: ticks every WEBMON_SCHEDULER_TICK seconds (same as `celery -A webmon.worker beat`).
    Run exactly one; a second one is harmless but useless."""
    settings = _require_secret(_settings())
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    from webmon.worker import app as celery_app

    celery_app.start(["beat", "--loglevel", settings.log_level])


@cli.command()
def bot() -> None:
    """The Telegram bot (long polling): links chats (/start <token> from the dashboard), /status, /help."""
    import asyncio

    settings = _require_secret(_settings())
    if settings.telegram_bot_token is None:
        raise _fail(SettingsError("WEBMON_TELEGRAM_BOT_TOKEN is not set: there is no bot to run"))

    async def main() -> None:
        from webmon.bot.service import build_bot_application, run_bot
        from webmon.db import Database

        db = Database(settings)
        try:
            await run_bot(build_bot_application(db, settings), handle_signals=True)
        finally:
            await db.dispose()

    asyncio.run(main())


@cli.command(name="dead-letters")
def dead_letters_command(
    clear: Annotated[bool, typer.Option("--clear", help="forget them after listing")] = False,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
) -> None:
    """Tasks that failed for good after their retries (kept in Redis), newest first."""
    import json

    from redis import Redis

    from webmon.worker import dead_letters

    settings = _settings()
    with Redis.from_url(settings.redis_url) as redis:
        entries = dead_letters.read(redis, limit)
        for entry in entries:
            typer.echo(json.dumps(entry))
        if not entries:
            typer.echo("no dead letters", err=True)
        if clear:
            typer.echo(f"cleared {dead_letters.clear(redis)}", err=True)


@cli.command()
def migrate(
    wait: Annotated[float, typer.Option(min=0, help="seconds to wait for a database that is still starting")] = 60,
) -> None:
    """Upgrade the configured database to the newest schema (`alembic upgrade head`)."""
    from webmon.migrations import upgrade_to_head

    settings = _settings()
    upgrade_to_head(settings.database_url, wait_seconds=wait)
    _prepare_partitions(settings)
    typer.echo("database is at the newest schema")


def _prepare_partitions(settings: Settings) -> None:
    """A week of daily check partitions (PostgreSQL), also on an already migrated database."""
    import asyncio

    from webmon.db import Database
    from webmon.models import utcnow
    from webmon.runner.maintenance import ensure_check_partitions

    async def prepare() -> None:
        db = Database(settings)
        try:
            await ensure_check_partitions(db, now=utcnow())
        finally:
            await db.dispose()

    asyncio.run(prepare())


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
