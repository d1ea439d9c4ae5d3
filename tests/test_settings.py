"""Settings: the documented names and defaults, a clear refusal on bad values, and the secret key."""

from __future__ import annotations

import os
import stat

import pytest

from webmon.config import Settings, SettingsError, ensure_secret_key, load_settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch, tmp_path):
    for name in list(os.environ):
        if name.startswith("WEBMON_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_defaults_are_the_documented_ones():
    settings = load_settings()

    assert settings.database_url == "sqlite+aiosqlite:///./data/webmon.db"
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.secret_key is None
    assert settings.access_token_expire_minutes == 60
    assert settings.telegram_bot_token is None
    assert str(settings.telegram_api_url).rstrip("/") == "https://api.telegram.org"
    assert settings.allow_private_targets is False
    assert settings.min_check_interval == 30
    assert settings.scheduler_tick == 5
    assert settings.check_retention_days == 30
    assert str(settings.public_url).rstrip("/") == "http://127.0.0.1:8000"
    assert settings.alert_reminder_interval == 3600
    assert settings.max_body_bytes == 2_097_152
    assert settings.max_websites_per_user == 1000
    assert settings.bcrypt_rounds == 12


def test_settings_come_from_webmon_prefixed_variables(monkeypatch):
    monkeypatch.setenv("WEBMON_MIN_CHECK_INTERVAL", "60")
    monkeypatch.setenv("WEBMON_ALLOW_PRIVATE_TARGETS", "true")

    settings = load_settings()

    assert settings.min_check_interval == 60
    assert settings.allow_private_targets is True


def test_settings_are_read_from_a_dotenv_file(tmp_path):
    (tmp_path / ".env").write_text("WEBMON_MAX_WEBSITES_PER_USER=5\n")

    assert load_settings().max_websites_per_user == 5


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WEBMON_MIN_CHECK_INTERVAL", "soon"),
        ("WEBMON_SCHEDULER_TICK", "-1"),
        ("WEBMON_DATABASE_URL", "mysql://localhost/webmon"),
        ("WEBMON_PUBLIC_URL", "not a url"),
        ("WEBMON_ALLOW_PRIVATE_TARGETS", "perhaps"),
    ],
)
def test_a_bad_value_fails_fast_naming_the_variable(monkeypatch, name, value):
    monkeypatch.setenv(name, value)

    with pytest.raises(SettingsError) as error:
        load_settings()

    assert name in str(error.value)


@pytest.mark.parametrize("key", ["changeme", "secret", "too-short"])
def test_a_weak_secret_key_is_refused(monkeypatch, key):
    monkeypatch.setenv("WEBMON_SECRET_KEY", key)

    with pytest.raises(SettingsError, match="WEBMON_SECRET_KEY"):
        load_settings()


def test_the_secret_key_can_come_from_a_file(monkeypatch, tmp_path):
    (tmp_path / "key").write_text("k" * 40 + "\n")
    monkeypatch.setenv("WEBMON_SECRET_KEY_FILE", str(tmp_path / "key"))

    assert load_settings().require_secret_key() == "k" * 40


def test_without_a_secret_key_other_processes_refuse_to_start():
    with pytest.raises(SettingsError, match="WEBMON_SECRET_KEY is not set"):
        load_settings().require_secret_key()


def test_serve_generates_a_private_key_once_and_keeps_it(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path / "data")  # type: ignore[call-arg]

    first = ensure_secret_key(settings).require_secret_key()
    second = ensure_secret_key(settings).require_secret_key()

    assert first == second
    assert len(first) >= 32
    key_file = tmp_path / "data" / "secret_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_a_configured_key_wins_over_the_generated_one(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path, secret_key="s" * 40)  # type: ignore[call-arg]

    assert ensure_secret_key(settings).require_secret_key() == "s" * 40
    assert not (tmp_path / "secret_key").exists()


def test_secrets_do_not_show_in_the_settings_repr(monkeypatch):
    monkeypatch.setenv("WEBMON_SECRET_KEY", "x" * 40)
    monkeypatch.setenv("WEBMON_TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN")

    text = repr(load_settings())

    assert "x" * 40 not in text
    assert "SECRET-TOKEN" not in text


def test_registration_is_open_and_the_first_account_is_the_administrator_by_default():
    settings = load_settings()

    assert settings.registration == "open"
    assert settings.admin_email is None
    assert settings.check_now_per_minute == 30


@pytest.mark.parametrize("mode", ["open", "invite", "closed"])
def test_registration_comes_from_the_environment(monkeypatch, mode):
    monkeypatch.setenv("WEBMON_REGISTRATION", mode)

    assert load_settings().registration == mode


def test_an_unknown_registration_mode_is_refused_naming_the_variable(monkeypatch):
    monkeypatch.setenv("WEBMON_REGISTRATION", "sometimes")

    with pytest.raises(SettingsError, match="WEBMON_REGISTRATION"):
        load_settings()


def test_the_admin_email_is_lower_cased_and_must_be_an_address(monkeypatch):
    monkeypatch.setenv("WEBMON_ADMIN_EMAIL", " Boss@Example.COM ")
    assert load_settings().admin_email == "boss@example.com"

    monkeypatch.setenv("WEBMON_ADMIN_EMAIL", "")
    assert load_settings().admin_email is None

    monkeypatch.setenv("WEBMON_ADMIN_EMAIL", "boss")
    with pytest.raises(SettingsError, match="WEBMON_ADMIN_EMAIL"):
        load_settings()


def test_only_what_the_environment_sets_is_locked_against_the_dashboard(monkeypatch, tmp_path):
    from webmon.instance.settings import locked_fields

    assert locked_fields(load_settings()) == frozenset()

    monkeypatch.setenv("WEBMON_ALLOW_PRIVATE_TARGETS", "false")  # the default, but said explicitly
    assert locked_fields(load_settings()) == {"allow_private_targets"}

    (tmp_path / ".env").write_text("WEBMON_REGISTRATION=invite\n")
    assert locked_fields(load_settings()) == {"allow_private_targets", "registration"}
