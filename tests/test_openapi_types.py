"""The dashboard's API types (frontend/src/api/schema.d.ts) are generated from the backend's OpenAPI
document; this fails when the committed file no longer matches the API. Fix: `cd frontend && npm
run gen:api` (or `make api-types`), then commit the file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.services import IN_CI
from webmon.vocabulary import MAX_URL_LENGTH
from webmon.websites.schemas import WebsiteCreate, WebsiteUpdate

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
COMMITTED = FRONTEND / "src" / "api" / "schema.d.ts"


def _generate(out: Path) -> None:
    node = shutil.which("node")
    ready = node is not None and (FRONTEND / "node_modules" / "openapi-typescript").is_dir()
    if not ready:
        message = "Node.js and the dashboard's node_modules (cd frontend && npm ci) are needed"
        if IN_CI:
            pytest.fail(f"{message}; CI=true requires them", pytrace=False)
        pytest.skip(message)
    env = {**os.environ, "PYTHON": sys.executable}
    result = subprocess.run(
        [str(node), "scripts/gen-api.mjs", "--out", str(out)],
        cwd=FRONTEND,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_committed_api_types_match_the_backends_openapi_document(tmp_path: Path) -> None:
    fresh = tmp_path / "schema.d.ts"
    _generate(fresh)
    assert COMMITTED.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        "frontend/src/api/schema.d.ts is stale: run `cd frontend && npm run gen:api` and commit it"
    )


def test_the_url_field_is_documented_with_the_limit_the_validator_keeps() -> None:
    for model in (WebsiteCreate, WebsiteUpdate):
        url = model.model_json_schema()["properties"]["url"]
        assert url["maxLength"] == MAX_URL_LENGTH == 2048
