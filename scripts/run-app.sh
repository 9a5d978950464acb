#!/usr/bin/env bash
# Start the app on the bundled sample report (installs what it needs first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/zwgk "${@:-resources/examples/jindian-2021.zwgk}"
