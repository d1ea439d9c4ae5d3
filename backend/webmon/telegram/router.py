from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from webmon.api.deps import ClockDep, CurrentUser, SettingsDep, TelegramDep
from webmon.fields import Input, RequiredChatId
from webmon.telegram import service

router = APIRouter(prefix="/telegram", tags=["telegram"])


class TelegramInfo(BaseModel):
    enabled: bool
    bot_username: str | None


class TestMessageIn(Input):
    chat_id: RequiredChatId


class TestMessageOut(BaseModel):
    detail: str


@router.get("", response_model=TelegramInfo, summary="Is Telegram set up, and which bot to talk to")
async def telegram_info(_user: CurrentUser, telegram: TelegramDep) -> TelegramInfo:
    return TelegramInfo(enabled=telegram is not None, bot_username=await telegram.bot_username() if telegram else None)


@router.post("/test", response_model=TestMessageOut, summary="Send a test message to a chat")
async def test_message(
    body: TestMessageIn, user: CurrentUser, telegram: TelegramDep, settings: SettingsDep, clock: ClockDep
) -> TestMessageOut:
    await service.send_test_message(
        telegram, body.chat_id, public_url=str(settings.public_url).rstrip("/"), now=clock(), locale=user.locale
    )
    return TestMessageOut(detail="Test message sent")
