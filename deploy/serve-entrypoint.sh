#!/bin/sh
# The entrypoint of the one-container image (the Dockerfile at the repository root): `webmon serve`
# with its SQLite database and generated secret key in $WEBMON_DATA_DIR (/data, the volume).
# Its arguments go to `webmon serve`; the image passes --host 0.0.0.0 --port 8000.
set -eu

WEBMON_DATA_DIR="${WEBMON_DATA_DIR:-/data}"
export WEBMON_DATA_DIR
# The database beside the key, unless another one (PostgreSQL) is configured.
WEBMON_DATABASE_URL="${WEBMON_DATABASE_URL:-sqlite+aiosqlite:///$WEBMON_DATA_DIR/webmon.db}"
export WEBMON_DATABASE_URL

if ! mkdir -p "$WEBMON_DATA_DIR" 2>/dev/null || ! [ -w "$WEBMON_DATA_DIR" ]; then
    echo "webmon: $WEBMON_DATA_DIR is not writable by user $(id -u): use a named volume (-v webmon:/data)" \
        "or give the mounted folder to that user (chown $(id -u) FOLDER)" >&2
    exit 1
fi

# Files Webmon creates (the database, its journal) are for this user alone.
umask 077
cd "$WEBMON_DATA_DIR"
exec webmon serve "$@"
