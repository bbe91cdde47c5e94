#!/usr/bin/env bash
# presence-stream benchmarks: the one command.
#
#   benchmarks/run.sh            # everything, about 55 minutes on 2 cores (the replay stage needs node and npm)
#   benchmarks/run.sh jmh heap   # only some stages: corpus jmh ratio heap profile e2e e2e-pipeline stall replay
#                                # fanout memory startup history chart
#
# Installs the main artifact (tests skipped), builds this separate project, runs the stages and writes
# raw results to benchmarks/results/ (JSON/text) and the chart to benchmarks/results/chart.svg. The stages
# memory and startup only need the packaged daemon (`mvn package`, nothing installed), and so do the
# runs that have only them (with chart). Loopback only; every stage is bounded in time.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
stages=("$@")
[ ${#stages[@]} -eq 0 ] && stages=(corpus jmh ratio heap profile e2e e2e-pipeline stall replay fanout memory startup history chart)
want() { local s; for s in "${stages[@]}"; do [ "$s" = "$1" ] && return 0; done; return 1; }
needs_bench_project=no
for s in "${stages[@]}"; do
  case "$s" in memory|startup|chart) ;; *) needs_bench_project=yes ;; esac
done

# 1,000 SSE clients in the same JVM need ~2,100 descriptors (client and server side of each connection)
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [ "$needs_bench_project" = yes ]; then
  echo "== building (main artifact, then the benchmarks project)"
  (cd "$root" && mvn -q -B install -DskipTests)
  (cd "$here" && mvn -q -B package)
else
  echo "== building the packaged daemon (mvn package, tests skipped)"
  (cd "$root" && mvn -q -B package -DskipTests)
fi

cd "$here"
mkdir -p results
cp="target/classes:target/lib/*"
java=(java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp")

# machine.json describes the run of the benchmarks project's stages (chart.py's footer); memory.json and
# startup.json carry their own date, machine and load.
if [ "$needs_bench_project" = yes ]; then
  {
    echo "{\"date\": \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\", \"nproc\": $(nproc),"
    echo " \"memory\": \"$(free -h | awk '/^Mem:/ {print $2}')\","
    echo " \"java\": \"$(java -version 2>&1 | head -1 | sed 's/"/\\"/g')\","
    echo " \"loadAverageAtStart\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}"
  } > results/machine.json
  cat results/machine.json
fi

if want corpus; then
  echo "== corpus"
  "${java[@]}" io.presencestream.bench.CorpusSummary results/corpus.json 10000 100000
fi
if want jmh; then
  echo "== JMH: tokenize / decode / engine / full path (1 fork, 3x2s warm-up, 5x2s measurement, -prof gc)"
  "${java[@]}" org.openjdk.jmh.Main PipelineBenchmark -prof gc -rf json -rff results/jmh.json
fi
if want ratio; then
  echo "== interleaved ratio probe (the four stages pass after pass, median of per-round ratios)"
  "${java[@]}" -Xmx1g io.presencestream.bench.RatioProbe results/ratio.json 10000 30
fi
if want heap; then
  echo "== heap per tracked extension"
  java -Xmx3g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    io.presencestream.bench.HeapPerExtension results/heap.json 10000 100000
fi
if want profile; then
  echo "== JFR profile of the full path"
  "${java[@]}" -Xmx1g io.presencestream.bench.ProfileHotPath results/profile.txt target/fullpath.jfr 20
fi
if want e2e; then
  echo "== end to end: simulator -> WebSocket client -> engine -> hub -> SSE, rates until saturation, 1 / 100 / 1000 clients"
  java -Xmx2g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    io.presencestream.bench.EndToEnd results/e2e.json sweep 1,100,1000 100,200,500,1000,2000,5000,10000,20000 5 \
    || echo "!! e2e stage failed (partial results kept in results/e2e.json)"
fi
if want e2e-pipeline; then
  echo "== the same without the simulator/WebSocket leg: generator frames -> engine -> hub -> SSE"
  java -Xmx2g -Dbench.feed=pipeline -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    io.presencestream.bench.EndToEnd results/e2e-pipeline.json sweep 1,100,1000 100,200,500,1000,2000,5000,10000,20000 5 \
    || echo "!! e2e-pipeline stage failed (partial results kept in results/e2e-pipeline.json)"
fi
if want stall; then
  echo "== one stalled SSE client for 60 s (100 others, 200 notifications/s, pipeline feed)"
  java -Xmx2g -Dbench.feed=pipeline -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" \
    io.presencestream.bench.EndToEnd results/stall.json stall 100 200 30 60 \
    || echo "!! stall stage failed"
fi
if want replay; then
  echo "== replay vs RingCentral's JavaScript logic (@ringcentral-integration/commons 0.16.0), 100,000 notifications"
  (cd node && npm ci --no-audit --no-fund --loglevel=error)
  [ -f target/replay-corpus-100k.jsonl ] || \
    "${java[@]}" io.presencestream.simulator.SimulatorCorpus target/replay-corpus-100k.jsonl 100000 1000 20261202
  # the launcher writes its replay archive on its first replay; the harness's unrecorded first runs do that
  python3 replay_vs_js.py target/replay-corpus-100k.jsonl results/replay-vs-js.json "${REPLAY_ROUNDS:-5}" \
    -- "$root/target/presence-stream"
fi
if want fanout; then
  echo "== SSE fan-out: presence-stream (engine -> hub -> SSE) vs nginx + nchan, readers in their own process"
  nchan_module=/usr/lib/nginx/modules/ngx_nchan_module.so
  if ! command -v nginx >/dev/null || [ ! -f "$nchan_module" ]; then
    # Debian's packages; nothing here uses the distribution's nginx service (on a machine with systemd the
    # package starts it on port 80; the benchmark runs its own nginx on a free loopback port).
    echo "   installing nginx and libnginx-mod-nchan"
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
    ($sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx libnginx-mod-nchan) \
      > results/fanout-install.log 2>&1 || echo "!! could not install nginx + nchan (results/fanout-install.log)"
  fi
  if command -v nginx >/dev/null && [ -f "$nchan_module" ]; then
    # our server's classes from this tree first: the shared local repository may hold another build
    java -Xmx1g -Dbench.nchanModule="$nchan_module" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -Dbench.classes.ours="$root/target/classes" -cp "$cp" \
      io.presencestream.bench.FanOutBench results/fanout.json "${FANOUT_SECONDS:-10}" \
      100=200,500,1000,2000,5000,10000,20000 1000=20,50,100,200,500,1000,2000 \
      || echo "!! fanout stage failed (partial results kept in results/fanout.json)"
  else
    echo "!! fanout stage skipped: nginx with the nchan module is not installed"
  fi
fi
if want memory; then
  echo "== daemon RSS and heap after GC at 1 / 1,000 / 10,000 / 100,000 extensions, simulator in its own process"
  version=$(sed -nE 's|^  <version>([^<]+)</version>|\1|p' "$root/pom.xml" | head -1)
  timeout --foreground 600 python3 memory.py --jar "$root/target/presence-stream-$version.jar" --out results/memory.json \
    --sizes "${MEMORY_SIZES:-1,1000,10000,100000}" --traffic-seconds "${MEMORY_TRAFFIC_SECONDS:-30}" \
    --rate "${MEMORY_RATE:-20}" --daemon-heap "${MEMORY_HEAP:-1g}" --simulator-heap 2g \
    || echo "!! memory stage failed or timed out (partial results kept in results/memory.json)"
fi
if want startup; then
  echo "== start-up: java -version and hello world (peers), --version, run to ready and first SSE event"
  timeout 600 "$here/startup.sh" || echo "!! startup stage failed"
fi
if want history; then
  echo "== history: the database sink's events/s on H2 and PostgreSQL vs bare R2DBC/JDBC batch inserts of the same rows; queries over 1,000,000 calls; agent days and queue intervals over 1,000,000 queue calls"
  ./history.sh results/history.json "${HISTORY_EVENTS:-200000}" "${HISTORY_CALLS:-1000000}" "$cp" "${HISTORY_QUEUE_CALLS:-1000000}" \
    || echo "!! history stage failed (partial results kept in results/history.json)"
fi
if want chart; then
  echo "== chart"
  python3 chart.py results
fi
echo "== done: results in $here/results"
