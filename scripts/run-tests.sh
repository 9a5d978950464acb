#!/usr/bin/env bash
# The whole test suite, from a clean clone on Debian 12 with Python 3.11: installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/lint-imports --no-cache >/dev/null || .venv/bin/lint-imports --no-cache  # the layer contracts of pyproject.toml
exec .venv/bin/python -m pytest -q "$@"
