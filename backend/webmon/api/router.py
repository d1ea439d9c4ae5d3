from fastapi import APIRouter

from webmon.auth.router import router as auth_router
from webmon.websites.router import router as websites_router

api_router = APIRouter(prefix="/api/v1")
api_router.include_router(auth_router)
api_router.include_router(websites_router)
