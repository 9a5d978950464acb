#!/usr/bin/env bash
# The whole test suite, from a clean clone on Debian 12 with Python 3.11: installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q "$@"
