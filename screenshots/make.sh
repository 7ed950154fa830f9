#!/usr/bin/env bash
# Regenerates the PNG screenshots of each main screen of the real binary, on the demo
# assessment in tests/fixtures/reports/lumenfield.toml. Installs what it needs (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v rsvg-convert >/dev/null || ! fc-list 2>/dev/null | grep -q "DejaVu Sans Mono"; then
  apt-get update -qq
  apt-get install -y -qq librsvg2-bin fonts-dejavu-core fontconfig >/dev/null
fi
cargo build --release --quiet
cargo run --release --quiet --example screenshots -- \
  "$PWD/target/release/crosswalk" "$PWD/tests/fixtures/reports/lumenfield.toml" "$PWD/screenshots"
