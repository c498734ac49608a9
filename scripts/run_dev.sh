#!/usr/bin/env bash
# `make run`: the development server plus the widget job (weather, exchange rates) beside it.
# The job is stopped whenever the server stops, however it stops.
set -u
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
PORT="${PORT:-8000}"

"$BIN/python" manage.py run_widget_jobs &
JOB=$!

stop_job() {
  kill -TERM "$JOB" 2>/dev/null && wait "$JOB" 2>/dev/null
  return 0
}
trap stop_job EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$BIN/python" manage.py runserver "127.0.0.1:$PORT"
