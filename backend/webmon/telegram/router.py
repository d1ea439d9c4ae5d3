from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Response, status
from pydantic import BaseModel, Field

from webmon.api.deps import ClockDep, CurrentUser, SessionDep, SettingsDep, TelegramDep
from webmon.errors import Conflict, Unavailable
from webmon.fields import Input, RequiredChatId
from webmon.telegram import linking, service

router = APIRouter(prefix="/telegram", tags=["telegram"])


class TelegramInfo(BaseModel):
    enabled: bool
    bot_username: str | None


class TestMessageIn(Input):
    chat_id: RequiredChatId


class TestMessageOut(BaseModel):
    detail: str


class LinkOut(BaseModel):
    url: str = Field(description="open in Telegram: a private chat with the bot, which sends it /start <token>")
    group_url: str = Field(description="the same for a group: Telegram asks which group to add the bot to")
    token: str = Field(description="one use; a channel links by posting /start <token> there")
    expires_at: datetime


class LinkedChat(BaseModel):
    chat_id: str
    title: str | None
    linked_at: datetime


@router.get("", response_model=TelegramInfo, summary="Is Telegram set up, and which bot to talk to")
async def telegram_info(_user: CurrentUser, telegram: TelegramDep) -> TelegramInfo:
    return TelegramInfo(enabled=telegram is not None, bot_username=await telegram.bot_username() if telegram else None)


@router.post(
    "/link",
    response_model=LinkOut,
    summary="A one-time link that proves a chat is yours",
    description=(
        "Open `url` in Telegram (or `group_url` for a group) and press Start: the bot links that chat to "
        f"your account and says so there. The token works once, for {linking.LINK_TOKEN_LIFETIME.seconds // 60} "
        "minutes. Only linked chats can get alerts or test messages."
    ),
)
async def create_link(user: CurrentUser, session: SessionDep, telegram: TelegramDep, clock: ClockDep) -> LinkOut:
    if telegram is None:
        raise Conflict(service.NOT_CONFIGURED)
    username = await telegram.bot_username()
    if not username:
        raise Unavailable("Telegram cannot be reached right now to name the bot; try again in a minute")
    link = await linking.create_link_token(session, user_id=user.id, now=clock())
    return LinkOut(
        url=f"https://t.me/{username}?start={link.token}",
        group_url=f"https://t.me/{username}?startgroup={link.token}",
        token=link.token,
        expires_at=link.expires_at,
    )


@router.get("/chats", response_model=list[LinkedChat], summary="The chats linked to your account")
async def list_chats(user: CurrentUser, session: SessionDep) -> list[LinkedChat]:
    chats = await linking.list_chats(session, user_id=user.id)
    return [LinkedChat(chat_id=c.chat_id, title=c.title, linked_at=c.linked_at) for c in chats]


@router.delete(
    "/chats/{chat_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Unlink a chat",
    description="409 while any of your websites alert the chat: choose another chat for them first.",
)
async def unlink_chat(chat_id: Annotated[str, Path(max_length=64)], user: CurrentUser, session: SessionDep) -> Response:
    await linking.unlink_chat(session, user_id=user.id, chat_id=chat_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/test",
    response_model=TestMessageOut,
    summary="Send a test message to a linked chat",
    description="At most once per minimum check interval per chat and per account (429 with Retry-After).",
)
async def test_message(
    body: TestMessageIn,
    user: CurrentUser,
    session: SessionDep,
    telegram: TelegramDep,
    settings: SettingsDep,
    clock: ClockDep,
) -> TestMessageOut:
    await service.send_test_message(
        telegram,
        body.chat_id,
        session=session,
        user_id=user.id,
        public_url=str(settings.public_url).rstrip("/"),
        now=clock(),
        interval=timedelta(seconds=settings.min_check_interval),
        locale=user.locale,
    )
    return TestMessageOut(detail="Test message sent")
