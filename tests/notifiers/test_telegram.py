"""The Telegram adapter against the fake Bot API: one attempt per call, errors classified."""

from __future__ import annotations

import httpx
import pytest

from tests.fakes.telegram_api import FakeTelegram
from webmon.notifiers import Notifier, TransportError
from webmon.notifiers.telegram import ChatInfo, TelegramNotifier, is_valid_chat_id

# PTB 22 warns about RetryAfter.retry_after's coming type change while building the error.
pytestmark = pytest.mark.filterwarnings("ignore:.*retry_after.*:DeprecationWarning")


async def send_failing(notifier: TelegramNotifier, chat_id: str = "42") -> TransportError:
    with pytest.raises(TransportError) as caught:
        await notifier.send_message(chat_id, "hello")
    return caught.value


async def test_it_sends_html_with_link_previews_disabled(tg: FakeTelegram, notifier) -> None:
    await notifier.send_message("42", "<b>Shop</b> is down &amp; out")

    [message] = tg.sent
    assert message.chat_id == "42"
    assert message.text == "<b>Shop</b> is down &amp; out"
    assert message.parse_mode == "HTML"
    assert message.params["link_preview_options"] == {"is_disabled": True}


async def test_it_sends_to_a_group_with_a_negative_id(tg: FakeTelegram, notifier) -> None:
    tg.add_chat("-1001234567890", "supergroup", "Ops")

    await notifier.send_message("-1001234567890", "hi")

    assert tg.sent_to("-1001234567890")


async def test_it_sends_to_a_channel_by_name(tg: FakeTelegram, notifier) -> None:
    tg.add_chat("@webmon_alerts", "channel", "Alerts")

    await notifier.send_message("@webmon_alerts", "hi")

    assert tg.sent_to("@webmon_alerts")


async def test_it_is_a_notifier(notifier) -> None:
    assert isinstance(notifier, Notifier)


async def test_get_me_returns_the_bot_username(notifier) -> None:
    assert await notifier.get_me() == "webmon_test_bot"


async def test_get_chat_describes_a_group(tg: FakeTelegram, notifier) -> None:
    tg.add_chat("-1001234567890", "supergroup", "Ops <team>")

    assert await notifier.get_chat("-1001234567890") == ChatInfo(
        id="-1001234567890", type="supergroup", title="Ops <team>"
    )


async def test_get_chat_names_a_private_chat_by_its_person(tg: FakeTelegram, notifier) -> None:
    tg.add_chat("42", "private", "Alice")

    assert await notifier.get_chat("42") == ChatInfo(id="42", type="private", title="Alice")


async def test_get_chat_of_an_unknown_chat_is_permanent(notifier) -> None:
    with pytest.raises(TransportError) as caught:
        await notifier.get_chat("-999")

    assert caught.value.permanent
    assert "chat not found" in str(caught.value).lower()


async def test_a_429_is_transient_and_says_how_long_to_wait(tg: FakeTelegram, notifier) -> None:
    tg.fail_next("42", "429", retry_after=7)

    error = await send_failing(notifier)

    assert not error.permanent
    assert error.retry_after == 7.0


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("blocked", "bot was blocked by the user"),
        ("kicked", "bot was kicked"),
        ("deactivated", "user is deactivated"),
    ],
)
async def test_a_403_is_permanent_with_the_reason(tg: FakeTelegram, notifier, kind, reason) -> None:
    tg.fail_next("42", kind)

    error = await send_failing(notifier)

    assert error.permanent
    assert reason in str(error)


async def test_chat_not_found_is_permanent(tg: FakeTelegram, notifier) -> None:
    tg.fail_next("42", "not_found")

    error = await send_failing(notifier)

    assert error.permanent
    assert "chat not found" in str(error).lower()


async def test_a_bad_request_about_the_message_does_not_blame_the_chat(tg: FakeTelegram, notifier) -> None:
    tg.fail_next("42", "bad_request")

    error = await send_failing(notifier)

    assert not error.permanent


async def test_a_migrated_group_reports_its_new_chat_id(tg: FakeTelegram, notifier) -> None:
    tg.fail_next("-4242", "migrate", migrate_to_chat_id="-1004242")

    error = await send_failing(notifier, "-4242")

    assert error.migrate_to_chat_id == "-1004242"


@pytest.mark.parametrize("kind", ["500", "502"])
async def test_a_server_error_is_transient(tg: FakeTelegram, notifier, kind: str) -> None:
    tg.fail_next("42", kind)

    error = await send_failing(notifier)

    assert not error.permanent
    assert error.retry_after is None
    assert "<html>" not in str(error)


async def test_an_unreachable_api_is_transient(tg: FakeTelegram, notifier) -> None:
    await tg.down()

    error = await send_failing(notifier)

    assert not error.permanent


async def test_it_works_again_after_an_outage(tg: FakeTelegram, notifier) -> None:
    await tg.down()
    await send_failing(notifier)
    await tg.up()

    await notifier.send_message("42", "back")

    assert tg.sent_to("42")


async def test_it_makes_one_attempt_per_call(tg: FakeTelegram, notifier) -> None:
    tg.fail_next("42", "500", times=3)

    await send_failing(notifier)

    assert len(tg.calls_to("sendMessage")) == 1


@pytest.mark.parametrize("wrong", ["7000000001:wrong-token", "not-a-token"])
async def test_a_rejected_token_is_reported_without_the_token(tg: FakeTelegram, wrong: str) -> None:
    async with TelegramNotifier(wrong, api_url=tg.api_url) as notifier:
        error = await send_failing(notifier)

    assert "token" in str(error)
    assert wrong not in str(error) and wrong not in repr(error)
    assert [c.status for c in tg.calls] in ([401], [404])


async def test_the_token_is_not_in_the_notifiers_repr(notifier, secret: str) -> None:
    assert secret not in repr(notifier)
    assert secret not in repr(notifier._bot)


async def test_requests_reach_the_api_with_the_real_token(tg: FakeTelegram, notifier) -> None:
    await notifier.get_me()

    # The fake only answers under the configured token: a stand-in would be a 401.
    assert [(c.method, c.status) for c in tg.calls] == [("getMe", 200)]


def test_an_empty_token_is_refused() -> None:
    with pytest.raises(ValueError, match="token"):
        TelegramNotifier("  ")


@pytest.mark.parametrize(
    ("chat_id", "valid"),
    [
        ("123456789", True),
        ("-1001234567890", True),
        ("-42", True),
        ("@webmon_alerts", True),
        ("@abc", False),
        ("@abcd", False),  # a public username has 5 to 32 characters
        ("@abcde", True),
        ("@a" + "b" * 31, True),
        ("@a" + "b" * 32, False),
        ("@1channel", False),
        ("", False),
        ("12a", False),
        ("https://t.me/x", False),
        ("7000000001:AAH-s3cret", False),
    ],
)
def test_is_valid_chat_id(chat_id: str, valid: bool) -> None:
    assert is_valid_chat_id(chat_id) is valid


async def test_an_error_that_quotes_the_url_is_scrubbed(token: str, secret: str) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot connect to {request.url}", request=request)

    async with TelegramNotifier(token, transport=httpx.MockTransport(refuse)) as notifier:
        with pytest.raises(TransportError) as caught:
            await notifier.send_message("42", "hi")

    assert not caught.value.permanent
    assert "cannot connect to https://api.telegram.org/bot7000000001:<redacted>/sendMessage" in str(caught.value)
    assert secret not in str(caught.value) and secret not in repr(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


async def test_requests_go_to_root_bot_token_method(token: str) -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(
            200,
            json={
                "ok": True,
                "result": {"id": 7000000001, "is_bot": True, "first_name": "W", "username": "webmon_bot"},
            },
        )

    async with TelegramNotifier(token, "https://tg.example/", transport=httpx.MockTransport(answer)) as n:
        assert await n.get_me() == "webmon_bot"

    assert seen == [f"https://tg.example/bot{token}/getMe"]
