#!/usr/bin/env bash
# Start-up time of the packaged daemon: from process start to /health/ready answering 200 and to the
# first SSE event on /events, for `presence-stream run` on its built-in simulator (default configuration,
# --port 0), and the CPU time the JVM used until ready (steadier than wall time on a loaded machine).
# Needs `mvn -B package` first. Three runs per variant, interleaved; one line per run, appended to
# benchmarks/results/startup.txt.
#
#   benchmarks/startup.sh              # java -jar, then the launcher with its class-data-sharing archive
#   RUNS=5 benchmarks/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
version=$(sed -nE 's|^  <version>([^<]+)</version>|\1|p' pom.xml | head -1)
jar=$PWD/target/presence-stream-$version.jar
launcher=$PWD/target/presence-stream
[ -f "$jar" ] && [ -x "$launcher" ] || { echo "run mvn -B package first" >&2; exit 1; }
mkdir -p benchmarks/results
out=benchmarks/results/startup.txt

measure() { # label, command...
  python3 - "$@" <<'PY'
import os, re, subprocess, sys, threading, time, urllib.request
label, cmd = sys.argv[1], sys.argv[2:]
t0 = time.monotonic()
proc = subprocess.Popen(cmd + ["run", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    url = None
    for line in proc.stdout:
        m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if m:
            url = m.group(1)
            break
    if url is None:
        sys.exit(f"{label}: no URL printed")
    t_url = time.monotonic() - t0
    first_event = {}
    def read_events():
        with urllib.request.urlopen(url + "events", timeout=120) as stream:
            for raw in stream:
                if raw.startswith(b"data:"):
                    first_event["t"] = time.monotonic() - t0
                    return
    reader = threading.Thread(target=read_events, daemon=True)
    reader.start()
    while True:
        try:
            with urllib.request.urlopen(url + "health/ready", timeout=5) as r:
                if r.status == 200:
                    t_ready = time.monotonic() - t0
                    with open(f"/proc/{proc.pid}/stat") as stat:
                        fields = stat.read().rsplit(")", 1)[1].split()
                    cpu_ready = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
                    break
        except Exception:
            pass
        time.sleep(0.01)
    reader.join(120)
    print(f"{label:<24} URL printed {t_url:6.2f} s   ready {t_ready:6.2f} s (CPU {cpu_ready:5.2f} s)   "
          f"first SSE event {first_event.get('t', float('nan')):6.2f} s")
finally:
    proc.terminate()
    proc.wait(60)
PY
}

{
  echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
  # The launcher writes its archive when its first run exits, and uses it from then on.
  rm -f target/presence-stream.jsa
  measure "launcher, first run" "$launcher"
  [ -f target/presence-stream.jsa ] || echo "warning: no CDS archive was written" >&2
  for ((i = 1; i <= runs; i++)); do
    measure "java -jar" java -jar "$jar"
    measure "launcher + AppCDS" "$launcher"
  done
} | tee -a "$out"
