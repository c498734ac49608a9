#!/usr/bin/env bash
# `make run`: the development server plus the widget job (weather, exchange rates) beside it.
# Both run in the background and this script waits for the server; whichever way the script ends
# (the server stops, Ctrl-C, SIGTERM), the job and the server are stopped with it.
set -u
cd "$(dirname "$0")/.."
BIN="${BIN:-.venv/bin}"
PORT="${PORT:-8000}"

"$BIN/python" manage.py run_widget_jobs &
JOB=$!
"$BIN/python" manage.py runserver "127.0.0.1:$PORT" &
SERVER=$!

stop_all() {
  # runserver's autoreloader serves from a child process: stop that child too.
  pkill -TERM -P "$SERVER" 2>/dev/null
  kill -TERM "$SERVER" "$JOB" 2>/dev/null
  wait 2>/dev/null
  return 0
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait "$SERVER"
