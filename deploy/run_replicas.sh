#!/usr/bin/env bash
# Start N SwiGLU Lab replicas (`streamlit run serve.py`) on ports BASE_PORT, BASE_PORT+1, ... for nginx to
# balance (deploy/nginx.conf, rendered by deploy/render_nginx.py). Every replica gets the SAME cookie secret.
#
#   deploy/run_replicas.sh [N]                     # default N=2; stays in the foreground, Ctrl-C stops all
#
# Environment (all optional):
#   BASE_PORT=8501                    first port; replica i listens on BASE_PORT+i
#   BIND_ADDRESS=127.0.0.1            only nginx on this host should reach the replicas
#   RUN_DIR=${TMPDIR:-/tmp}/swiglu-replicas   replica-PORT.pid and replica-PORT.log go here
#   STREAMLIT_SERVER_COOKIE_SECRET    shared secret for signed cookies. Unset: one is generated for this start
#                                     and given to all N replicas. Replicas on SEVERAL hosts: set the same value
#                                     on every host (e.g. from an EnvironmentFile readable by root only).
#   ALLOWED_HOSTS="lab.school.example localhost"
#                                     space-separated host names the browsers use; becomes server.allowedHosts
#                                     (WebSocket Host allow-list against DNS rebinding). Unset: any host.
#   PYTHON=python3
#   SWIGLU_DATABASE_URL=postgresql://swiglu@db.internal/swiglu
#                                     class mode's database (swiglu/classroom.py). Unset: one SQLite file,
#                                     $SWIGLU_DATA_DIR/classroom.sqlite3 (default ./data), which the replicas of
#                                     ONE host share (WAL mode); replicas on several hosts need PostgreSQL.
#   SWIGLU_CLASS_TTL_HOURS=12         a class and its answers are deleted this long after it started
#
# One Python process per replica: Streamlit reruns scripts under one GIL, so a replica uses about one core
# for its sessions; see docs/deploy.md for how many replicas and training workers per core.
set -euo pipefail
cd "$(dirname "$0")/.."

n="${1:-2}"
case "$n" in '' | *[!0-9]* | 0) echo "usage: $0 [N>=1]" >&2; exit 2 ;; esac
base_port="${BASE_PORT:-8501}"
bind="${BIND_ADDRESS:-127.0.0.1}"
run_dir="${RUN_DIR:-${TMPDIR:-/tmp}/swiglu-replicas}"
python="${PYTHON:-python3}"
mkdir -p "$run_dir"

if [ -z "${STREAMLIT_SERVER_COOKIE_SECRET:-}" ]; then
  STREAMLIT_SERVER_COOKIE_SECRET="$("$python" -c 'import secrets; print(secrets.token_hex(32))')"
  echo "run_replicas: generated one cookie secret for these $n replicas (set STREAMLIT_SERVER_COOKIE_SECRET" \
       "yourself when replicas run on several hosts)" >&2
fi
export STREAMLIT_SERVER_COOKIE_SECRET
if [ -n "${ALLOWED_HOSTS:-}" ]; then
  export STREAMLIT_SERVER_ALLOWED_HOSTS="$ALLOWED_HOSTS"   # click splits a list option's variable on spaces
fi
# Torch in a server with many sessions: one thread per computation (the training pool also sets it per worker).
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"
export SWIGLU_TRAIN_WORKERS="${SWIGLU_TRAIN_WORKERS:-1}"  # one training worker per replica (see docs/deploy.md)
# Class mode: every replica must see the same classes. Passed on as set (it may hold a password: never echoed).
if [ -n "${SWIGLU_DATABASE_URL:-}" ]; then
  export SWIGLU_DATABASE_URL
  echo "run_replicas: class mode uses the database in SWIGLU_DATABASE_URL" >&2
else
  echo "run_replicas: class mode uses ${SWIGLU_DATA_DIR:-./data}/classroom.sqlite3, shared by the replicas of this" \
       "host (set SWIGLU_DATABASE_URL to a PostgreSQL database for replicas on several hosts)" >&2
fi

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for ((i = 0; i < n; i++)); do
  port=$((base_port + i))
  "$python" -m streamlit run serve.py \
    --server.port "$port" --server.address "$bind" --server.headless true \
    >"$run_dir/replica-$port.log" 2>&1 &
  pids+=("$!")
  echo "$!" >"$run_dir/replica-$port.pid"
  echo "run_replicas: replica on $bind:$port, pid $!, log $run_dir/replica-$port.log" >&2
done

# Until a signal, or until every replica has exited. One replica dying leaves the others serving:
# nginx fails its sessions over to them (passive health checks).
wait || true
