"""Serve the built SPA: hashed assets with a long cache, and index.html for every other path so
deep links (/websites/12) work with HTML5 history routing."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import FileResponse, Response

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
_NOT_SPA = ("api/", "health", "metrics", "docs", "openapi.json")
_LONG_CACHE = "public, max-age=31536000, immutable"


def dashboard_dir() -> Path | None:
    """Where `make run` / `npm run build` put the dashboard, inside the package; None if not built."""
    return STATIC_DIR if (STATIC_DIR / "index.html").is_file() else None


def mount_dashboard(app: FastAPI, directory: Path) -> None:
    root = directory.resolve()
    index = root / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str, request: Request) -> Response:
        if path.startswith(_NOT_SPA):
            raise HTTPException(404, "Not Found")
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = _LONG_CACHE if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        if path.startswith("assets/"):
            raise HTTPException(404, "Not Found")  # a missing bundle is a 404, not the page
        # index.html is never cached: a new release must reach browsers at once.
        return FileResponse(index, media_type="text/html", headers={"Cache-Control": "no-cache"})
