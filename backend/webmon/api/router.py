from fastapi import APIRouter

from webmon.auth.router import router as auth_router
from webmon.history.router import router as history_router
from webmon.instance.router import meta_router
from webmon.instance.router import router as admin_router
from webmon.stats.router import router as stats_router
from webmon.telegram.router import router as telegram_router
from webmon.websites.bulk_router import router as websites_bulk_router
from webmon.websites.router import router as websites_router

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(auth_router)
api_router.include_router(stats_router)  # first: its fixed paths beat /websites/{website_id}
api_router.include_router(websites_bulk_router)  # before: /websites/tags is not a website id
api_router.include_router(websites_router)
api_router.include_router(history_router)
api_router.include_router(telegram_router)
api_router.include_router(meta_router)
api_router.include_router(admin_router)
