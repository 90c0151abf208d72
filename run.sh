#!/usr/bin/env bash
# Set up (idempotent), then run newsbot on the built-in corpus: the Telegram bot when
# TELEGRAM_BOT_TOKEN is set (in the environment or .env), otherwise a chat in this terminal.
set -euo pipefail
cd "$(dirname "$0")"
./scripts/setup.sh
exec .venv/bin/newsbot "$@"
