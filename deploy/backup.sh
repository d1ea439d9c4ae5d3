#!/bin/sh
# Daily pg_dump at 03:00 (container time), keeping 30 days. Runs as the compose `backup` service;
# restore with deploy/restore.sh (see PRODUCTION.md).
set -eu
BACKUP_DIR=${BACKUP_DIR:-/backups}
KEEP_DAYS=${KEEP_DAYS:-30}
AT_HOUR=${AT_HOUR:-03}

backup() {
    name="$BACKUP_DIR/webmon-$(date -u +%Y%m%dT%H%M%SZ).dump"
    pg_dump --format=custom --file="$name.partial" && mv "$name.partial" "$name"
    echo "backup: wrote $name"
    find "$BACKUP_DIR" -name 'webmon-*.dump' -mtime +"$KEEP_DAYS" -print -delete
}

if [ "${1:-}" = "--once" ]; then
    backup
    exit 0
fi
while true; do
    if [ "$(date +%H)" = "$AT_HOUR" ]; then
        backup || echo "backup: FAILED" >&2
        sleep 3600
    fi
    sleep 300
done
