#!/usr/bin/env bash
# Ingest speed of this checkout against another revision, measured back to back in one run
# (the machine's load changes from minute to minute; only the ratio of one run means much).
#
#   benchmarks/ingest_compare.sh [REVISION] [FOLDER]
#
# REVISION defaults to b804bc3 (the last commit before attribution was extracted at ingest);
# FOLDER to ../shared/benchmarks/polnear/dev/articles (84 articles, ~800 words each).
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:-b804bc3}
folder=$(realpath "${2:-../shared/benchmarks/polnear/dev/articles}")
python="$PWD/.venv/bin/python"  # not realpath: that would leave the venv
work=$(mktemp -d)
trap 'git worktree remove --force "$work/old" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/old" "$rev" >/dev/null 2>&1
count=$(find "$folder" -name '*.txt' | wc -l)
run() {  # name, checkout: one full CLI ingest into a fresh data dir (model load included)
    local started ended
    started=$(date +%s.%N)
    (cd "$2" && NEWSBOT_HOME="$work/$1" NEWSBOT_DATA_DIR="$work/$1/data" PYTHONPATH="$2" \
        "$python" -m bot.cli ingest "$folder" --collection speed >"$work/$1.log" 2>&1) ||
        { echo "ingest with $1 failed:" >&2; tail -5 "$work/$1.log" >&2; exit 1; }
    ended=$(date +%s.%N)
    echo "$1 $(echo "$ended - $started" | bc)"
}
old=$(run old "$work/old" | cut -d' ' -f2)
new=$(run new "$PWD" | cut -d' ' -f2)
printf '%d articles: %s %.1f s (%.2f articles/s), this checkout %.1f s (%.2f articles/s); ratio new/old %.2f\n' \
    "$count" "$rev" "$old" "$(echo "$count / $old" | bc -l)" "$new" "$(echo "$count / $new" | bc -l)" \
    "$(echo "($count / $new) / ($count / $old)" | bc -l)"
