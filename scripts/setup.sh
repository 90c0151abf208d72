#!/usr/bin/env bash
# Create .venv and install newsbot into it. Idempotent: does nothing when pyproject.toml is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
    for candidate in python3.11 python3 python; do
        if command -v "$candidate" >/dev/null 2>&1; then python_bin="$candidate"; break; fi
    done
fi
if ! "$python_bin" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "newsbot needs Python 3.11 or newer (found: $("$python_bin" --version 2>&1))" >&2
    exit 1
fi

if [ ! -x .venv/bin/python ]; then
    echo "Creating .venv with $python_bin ..." >&2
    "$python_bin" -m venv .venv
fi

stamp=.venv/.newsbot-installed
wanted="$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$wanted" ]; then
    echo "Installing newsbot and its dependencies into .venv (first run takes a minute or two) ..." >&2
    log=.venv/install.log
    pip=(.venv/bin/python -m pip install --disable-pip-version-check)
    # torch first and pinned: the CPU build; an unpinned torch pulls a multi-GB CUDA build.
    if ! { "${pip[@]}" --upgrade pip && "${pip[@]}" "torch==2.13.0" && "${pip[@]}" -e ".[dev]"; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        echo "Installing failed; the whole log is in $log" >&2
        exit 1
    fi
    echo "$wanted" > "$stamp"
fi
