#!/usr/bin/env bash
# `make serve`, the systemd unit and the tests all start the server with this one command line.
# WORKERS processes of granian (a Rust HTTP server) with two Python threads each: rendering is CPU work,
# and granian's default (up to 256 threads per worker) made them fight over the GIL
# (origin 166 -> 210 req/s, p99 130 -> 55 ms; docs/benchmarks.md).
# A worker that dies (a crash, the OOM killer, kill -9) is replaced at once instead of granian stopping
# every other worker with it (granian still exits when the same worker dies again within 5.5 s: a crash
# loop, which systemd's Restart= then handles).
set -eu
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
exec "$BIN/granian" --interface wsgi --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" \
	--workers "${WORKERS:-2}" --blocking-threads 2 --no-access-log \
	--respawn-failed-workers \
	portal.wsgi:application
