"""The settings an operator needs to harden Webmon are documented where they look for them."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HARDENING = [
    "WEBMON_TRUSTED_PROXIES",
    "WEBMON_LOGIN_MAX_FAILURES_PER_ACCOUNT_IP",
    "WEBMON_LOGIN_MAX_FAILURES_PER_IP",
    "WEBMON_LOGIN_MAX_FAILURES_PER_ACCOUNT",
    "WEBMON_LOGIN_WINDOW",
    "WEBMON_REGISTER_MAX_PER_IP",
    "WEBMON_SESSION_IDLE_TIMEOUT",
    "WEBMON_SESSION_MAX_LIFETIME",
]


@pytest.mark.parametrize("document", ["README.md", "SECURITY.md"])
def test_every_hardening_setting_is_documented(document):
    text = (REPO / document).read_text(encoding="utf-8")

    assert [name for name in HARDENING if f"`{name}`" not in text] == []


def test_the_documented_settings_are_real():
    from webmon.config import Settings

    fields = {f"WEBMON_{name.upper()}" for name in Settings.model_fields}

    assert [name for name in HARDENING if name not in fields] == []


def test_security_md_names_the_settings_that_matter_most():
    text = (REPO / "SECURITY.md").read_text(encoding="utf-8")

    for name in ("WEBMON_ALLOW_PRIVATE_TARGETS", "WEBMON_SECRET_KEY", "WEBMON_TELEGRAM_BOT_TOKEN"):
        assert f"`{name}" in text, name
