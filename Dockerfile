# Webmon in one container: `webmon serve` (dashboard, API, scheduler, checks, alerts) on SQLite, its
# database and generated secret key in the /data volume.
#   docker build -t webmon .
#   docker run -d --name webmon -p 8000:8000 -v webmon:/data webmon
# The multi-service images are backend/Dockerfile and nginx/Dockerfile (docker-compose.yml).
FROM node:20-alpine AS dashboard
WORKDIR /frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system webmon && useradd --system --gid webmon --home-dir /data --shell /usr/sbin/nologin webmon

WORKDIR /app

# Dependencies in their own layer: it is rebuilt only when pyproject.toml changes.
COPY backend/pyproject.toml /app/backend/pyproject.toml
RUN mkdir -p /app/backend/webmon && touch /app/backend/webmon/__init__.py \
    && pip install /app/backend \
    && pip uninstall -y webmon

# The package with the dashboard built into it, where `webmon serve` looks for it.
COPY backend/ /app/backend/
COPY --from=dashboard /frontend/dist/ /app/backend/webmon/static/
RUN pip install --no-deps /app/backend && rm -rf /app/backend

COPY deploy/serve-entrypoint.sh /usr/local/bin/webmon-serve
RUN chmod 0755 /usr/local/bin/webmon-serve \
    && mkdir -p /data && chown webmon:webmon /data && chmod 0700 /data

USER webmon
WORKDIR /data
ENV WEBMON_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4).status == 200 else 1)" || exit 1

ENTRYPOINT ["webmon-serve"]
CMD ["--host", "0.0.0.0", "--port", "8000"]
