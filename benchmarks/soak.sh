#!/usr/bin/env bash
# Soak: the daemon against the simulator under chaos, outside `mvn verify`.
#
#   benchmarks/soak.sh                     # 10 minutes
#   SOAK_SECONDS=60 benchmarks/soak.sh     # a quick run
#
# Builds the project, starts `simulate` (SOAK_EXTENSIONS=1000 extensions, SOAK_RATE=20 steps/s, a fault
# from the chaos menu every SOAK_CHAOS_EVERY=5s) and `run` pointed at it through a temporary YAML (the
# simulator's demo credentials in the environment, as for a real account). For SOAK_SECONDS it checks
# every second that /health/ready answers within 200 ms; the daemon's GC log gives the heap after each
# collection. Then it pauses the traffic (POST /_sim/traffic?rate=0), waits until the daemon's state is
# quiet and equal to the simulator's truth (GET /_sim/truth; faults keep coming meanwhile), prints a
# summary and exits non-zero on any failure. Raw figures go to benchmarks/results/soak-<date>.json.
# Loopback only. Needs a JDK 17+ (java, jcmd), Maven and python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
seconds="${SOAK_SECONDS:-600}"
extensions="${SOAK_EXTENSIONS:-1000}"
rate="${SOAK_RATE:-20}"
chaos_every="${SOAK_CHAOS_EVERY:-5s}"
quiesce="${SOAK_QUIESCE_SECONDS:-120}"
heap="${SOAK_HEAP:-512m}"

work="$(mktemp -d "${TMPDIR:-/tmp}/presence-soak.XXXXXX")"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

echo "== building"
(cd "$root" && { mvn -q -B -o compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime \
  || mvn -q -B compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime; })
cp="$root/target/classes:$(cat "$work/cp.txt")"
logging=(-Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true)

# Waits until a line matching $2 appears in file $1 and prints the first URL on it.
url_from() {
  local file="$1" pattern="$2" pid="$3" i
  for i in $(seq 1 600); do
    if grep -q "$pattern" "$file" 2>/dev/null; then
      grep -m1 "$pattern" "$file" | grep -o 'http://[^ ]*' | head -1 | sed 's:/*$::'
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid died; its output:" >&2; cat "$file" >&2; return 1; }
    sleep 0.1
  done
  echo "no '$pattern' in $file after 60 s" >&2
  return 1
}

echo "== simulator: $extensions extensions, $rate steps/s, chaos every $chaos_every"
java -Xmx1g "${logging[@]}" -cp "$cp" io.presencestream.cli.Main simulate --port 0 \
  --extensions "$extensions" --rate "$rate" --seed 7 --chaos-every "$chaos_every" --chaos-seed 11 \
  >"$work/simulator.out" 2>"$work/simulator.log" &
pids+=($!)
sim_pid=$!
sim_url="$(url_from "$work/simulator.out" "server URL" "$sim_pid")"
read -r client_id < <(awk '/client id/ {print $3}' "$work/simulator.out")
read -r client_secret < <(awk '/client secret/ {print $3}' "$work/simulator.out")
read -r jwt < <(awk '/JWT/ {print $2}' "$work/simulator.out")
echo "   $sim_url"

cat >"$work/soak.yaml" <<YAML
source:
  ringcentral:
    serverUrl: $sim_url
    extensions: all
server:
  host: 127.0.0.1
  port: 0
YAML

echo "== daemon (heap $heap, GC log in $work/gc.log)"
env -u PRESENCE_STREAM_TOKEN RINGCENTRAL_CLIENT_ID="$client_id" RINGCENTRAL_CLIENT_SECRET="$client_secret" RINGCENTRAL_JWT="$jwt" \
  java -Xms"$heap" -Xmx"$heap" -XX:+UseG1GC -Xlog:gc:file="$work/gc.log":uptime "${logging[@]}" -cp "$cp" \
  io.presencestream.cli.Main run --config "$work/soak.yaml" \
  >"$work/daemon.out" 2>"$work/daemon.log" &
pids+=($!)
daemon_pid=$!
daemon_url="$(url_from "$work/daemon.out" "is running" "$daemon_pid")"
echo "   $daemon_url"

mkdir -p "$here/results"
status=0
python3 "$here/soak.py" --daemon "$daemon_url" --simulator "$sim_url" --daemon-pid "$daemon_pid" \
  --gc-log "$work/gc.log" --seconds "$seconds" --quiesce-seconds "$quiesce" \
  --extensions "$extensions" --rate "$rate" --chaos-every "$chaos_every" --heap "$heap" \
  --out "$here/results/soak-$(date -u +%Y%m%dT%H%M%SZ).json" || status=$?

faults="$(grep -c 'fault injected' "$work/simulator.log" || true)"
echo "faults injected by the simulator: $faults (logs kept in $work)"
exit "$status"
