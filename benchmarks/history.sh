#!/usr/bin/env bash
# The history benchmark (run.sh's stage `history`): starts a private PostgreSQL (initdb/pg_ctl in a temporary
# directory, a free loopback port, password authentication; as `nobody` when run as root, which PostgreSQL
# refuses), runs io.presencestream.bench.HistoryBench on the embedded H2 and on it, and stops it again.
#
#   benchmarks/history.sh OUT.json EVENTS CALLS CLASSPATH [QUEUE_CALLS]   (QUEUE_CALLS: as many as CALLS)
set -euo pipefail
out=$1 events=$2 calls=$3 cp=$4 queue_calls=${5:-$3}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "   installing postgresql (Debian)"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi
dir=$(mktemp -d /tmp/history-bench-pg.XXXXXX)
as=()
if [ "$(id -u)" -eq 0 ]; then chown nobody "$dir"; as=(runuser -u nobody --); fi
password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$password" > "$dir/pw"; [ "$(id -u)" -eq 0 ] && chown nobody "$dir/pw"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/initdb" -D "$dir/data" -U presence --pwfile="$dir/pw" -A scram-sha-256 -E UTF8 --locale=C >/dev/null
rm -f "$dir/pw"
# durable settings as a production server has them (fsync on): the figures are a real server's
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -w start >/dev/null
trap '"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; rm -rf "$dir"' EXIT
echo "   PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
BENCH_PG_PASSWORD=$password java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.pg.port="$port" \
  -cp "$cp" io.presencestream.bench.HistoryBench "$out" "$events" "$calls" h2,pg "$queue_calls"
