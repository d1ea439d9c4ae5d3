"""Who the client is: the connection's peer, or the right-most untrusted X-Forwarded-For hop when
the peer is a trusted proxy (WEBMON_TRUSTED_PROXIES); IPv6 clients count by their /64."""

from __future__ import annotations

from ipaddress import ip_network

import pytest

from tests.conftest import make_settings
from webmon.api.client_address import client_address
from webmon.auth.limits import client_key
from webmon.config import SettingsError, load_settings

PROXIES = (ip_network("10.0.0.0/8"), ip_network("::1/128"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.7", [], "203.0.113.7"),
        ("203.0.113.7", ["198.51.100.1"], "203.0.113.7"),  # not a trusted proxy: header ignored
        ("10.0.0.2", ["198.51.100.1"], "198.51.100.1"),
        ("10.0.0.2", ["1.1.1.1, 198.51.100.1"], "198.51.100.1"),  # the left part is the client's own words
        ("10.0.0.2", ["198.51.100.1, 10.0.0.3"], "198.51.100.1"),  # two trusted proxies in a row
        ("10.0.0.2", ["198.51.100.1", "10.0.0.3"], "198.51.100.1"),  # several header lines, in order
        ("10.0.0.2", ["10.0.0.4, 10.0.0.3"], "10.0.0.4"),  # every hop trusted: the left-most
        ("10.0.0.2", [], "10.0.0.2"),  # a trusted proxy that forwarded nothing
        ("10.0.0.2", ["not-an-ip, 10.0.0.3"], "10.0.0.3"),  # garbage: stop at the last proxy we trust
        ("10.0.0.2", ["[2001:db8::5]:443"], "2001:db8::5"),
        ("10.0.0.2", ["198.51.100.1:51234"], "198.51.100.1"),
        ("::1", ["::ffff:198.51.100.1"], "198.51.100.1"),  # IPv4-mapped is the IPv4 client
        ("::ffff:10.0.0.2", ["198.51.100.1"], "198.51.100.1"),  # a mapped peer is matched as IPv4
    ],
)
def test_the_client_is_the_right_most_untrusted_address(peer, forwarded, client):
    assert client_address(peer, forwarded, PROXIES) == client


def test_with_no_trusted_proxies_x_forwarded_for_is_never_read():
    assert client_address("10.0.0.2", ["198.51.100.1"], ()) == "10.0.0.2"


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("unknown", "unknown"),
    ],
)
def test_limits_count_ipv6_clients_by_their_64(address, key):
    assert client_key(address) == key


def test_trusted_proxies_are_read_from_a_comma_separated_setting(monkeypatch):
    monkeypatch.setenv("WEBMON_TRUSTED_PROXIES", "10.0.0.0/8, 172.18.0.1 ::1")

    settings = load_settings(_env_file=None, secret_key="x" * 40)

    assert [str(n) for n in settings.trusted_proxies] == ["10.0.0.0/8", "172.18.0.1/32", "::1/128"]


def test_by_default_no_proxy_is_trusted():
    assert make_settings().trusted_proxies == ()


def test_a_bad_trusted_proxy_stops_the_settings_naming_the_variable(monkeypatch):
    monkeypatch.setenv("WEBMON_TRUSTED_PROXIES", "10.0.0.0/8,nginx")

    with pytest.raises(SettingsError, match="WEBMON_TRUSTED_PROXIES"):
        load_settings(_env_file=None, secret_key="x" * 40)


def test_the_login_limits_have_safe_defaults():
    settings = make_settings()

    assert (
        settings.login_max_failures_per_account_ip,
        settings.login_max_failures_per_ip,
        settings.login_max_failures_per_account,
        settings.login_window,
        settings.register_max_per_ip,
    ) == (5, 50, 100, 900, 20)
