#!/bin/sh
# Restore a backup into the running compose stack's database:
#   docker compose stop api worker beat bot
#   deploy/restore.sh backups/webmon-20261128T030000Z.dump
#   docker compose start api worker beat bot
set -eu
dump=${1:?usage: restore.sh path/to/webmon-YYYYmmddTHHMMSSZ.dump}
docker compose exec -T postgres pg_restore --clean --if-exists --no-owner -U webmon -d webmon < "$dump"
echo "restored $dump"
