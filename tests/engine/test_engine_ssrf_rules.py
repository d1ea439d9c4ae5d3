"""The static SSRF rules: which URLs a user may not monitor, which addresses the engine never dials."""

from __future__ import annotations

from ipaddress import ip_address

import pytest

from webmon.engine import blocked_reason_for_address, blocked_reason_for_url
from webmon.engine.ssrf import parse_legacy_ipv4


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://127.1/",
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0x7F000001/",
        "http://0177.0.0.1/",
        "http://0177.1/",
        "http://127.0.1/",
        "http://127.0.0.1./",
        "http://%31%32%37.0.0.1/",
        "http://１２７.０.０.１/",  # fullwidth digits, IDNA-normalised
        "http://[::1]/",
        "http://[::]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://[::ffff:0:7f00:1]/",  # IPv4-translated
        "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b::10.0.0.1]/",
        "http://[64:ff9b:1::7f00:1]/",  # local-use NAT64, /96 format
        "http://[64:ff9b:1:7f00:0:100::]/",  # local-use NAT64, /48 format
        "http://[2002:7f00:1::]/",
        "http://[2002:a00:1::1]/",
        "http://0.0.0.0/",
        "http://0/",
        "http://10.0.0.1/",
        "http://012.0.0.1/",  # octal 10
        "http://100.64.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://172.16.0.1/",
        "http://172.31.255.255/",
        "http://192.0.0.1/",
        "http://192.0.2.1/",
        "http://192.168.1.1:8080/",
        "http://198.18.0.1/",
        "http://198.51.100.7/",
        "http://203.0.113.9/",
        "http://224.0.0.1/",
        "http://240.0.0.1/",
        "http://255.255.255.255/",
        "http://[fc00::1]/",
        "http://[fd12:3456::1]/",
        "http://[fe80::1]/",
        "http://[ff02::1]/",
        "http://[100::1]/",
        "http://[2001:db8::1]/",
        "https://localhost/",
        "http://LOCALHOST./",
        "http://app.localhost/",
        "ftp://example.com/",
        "file:///etc/passwd",
        "gopher://example.com/",
        "javascript:alert(1)",
        "http://user:secret@example.com/",
        "http://user@example.com/",
        "http:///no-host",
        "not a url",
    ],
)
def test_the_url_is_blocked(url):
    assert blocked_reason_for_url(url) is not None


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/",
        "https://example.com:8443/path?q=1#frag",
        "http://93.184.216.34/",
        "http://1.1.1.1/",
        "http://172.32.0.1/",  # just past 172.16.0.0/12
        "http://100.128.0.1/",  # just past 100.64.0.0/10
        "http://[2606:4700::1111]/",
        "http://[64:ff9b::808:808]/",  # NAT64 of 8.8.8.8: allowed, IPv6-only hosts need it
        "http://[2002:808:808::1]/",  # 6to4 of 8.8.8.8
        "http://localhost.example.com/",
        "http://0x7f.example.com/",
        "http://bücher.example/",
    ],
)
def test_the_url_is_allowed(url):
    assert blocked_reason_for_url(url) is None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback address"),
        ("10.1.2.3", "private address (10.0.0.0/8)"),
        ("100.64.0.1", "carrier-grade NAT address (100.64.0.0/10)"),
        ("169.254.169.254", "link-local address (169.254.0.0/16)"),
        ("255.255.255.255", "broadcast address"),
        ("::1", "loopback address (::1)"),
        ("::ffff:10.0.0.1", "private address (10.0.0.0/8) (10.0.0.1 in an IPv4-mapped address)"),
        ("64:ff9b::a9fe:a9fe", "link-local address (169.254.0.0/16) (169.254.169.254 in a NAT64 address)"),
        ("2002:c0a8:101::", "private address (192.168.0.0/16) (192.168.1.1 in a 6to4 address)"),
        ("2001::1", "Teredo address (2001::/32)"),
    ],
)
def test_the_reason_names_the_range(address, reason):
    assert blocked_reason_for_address(ip_address(address)) == reason


def test_the_url_reason_shows_how_a_numeric_host_was_read():
    assert blocked_reason_for_url("http://0x7f.1/") == "0x7f.1 (127.0.0.1) is a loopback address"


@pytest.mark.parametrize(
    ("host", "address"),
    [
        ("127.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("127.0.1", "127.0.0.1"),
        ("2130706433", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("1.0x10000", "1.1.0.0"),
        ("00000000000000127.0.0.1", "87.0.0.1"),
        ("0", "0.0.0.0"),
    ],
)
def test_numeric_hosts_are_read_like_glibc_inet_aton(host, address):
    assert parse_legacy_ipv4(host) == ip_address(address)


@pytest.mark.parametrize(
    "host", ["example.com", "09.1.1.1", "0x.1", "256.1.1.1", "1.2.3.4.5", "4294967296", "1..1", ""]
)
def test_other_hosts_are_not_numeric(host):
    assert parse_legacy_ipv4(host) is None
