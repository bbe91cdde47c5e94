#!/usr/bin/env bash
# Start-up time of the packaged daemon, with a bare JVM's measured in the same run (stage `startup` of
# run.sh): `java -version` and a hello-world class (peers), `--version` and `run` on the built-in simulator
# (default configuration, --port 0) through `java -jar` and through the launcher with its class-data-sharing
# archive. For `run`: from process start to the URL printed, to /health/ready answering 200 (with the CPU
# time the JVM used until then, steadier than wall time on a loaded machine) and to the first SSE event on
# /events; for commands that exit: wall and CPU time to exit. See startup.py.
# Needs `mvn -B package` first. RUNS rounds (default 3), interleaved; raw results in
# benchmarks/results/startup.json, one line per run appended to benchmarks/results/startup.txt.
#
#   benchmarks/startup.sh
#   RUNS=5 benchmarks/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
version=$(sed -nE 's|^  <version>([^<]+)</version>|\1|p' pom.xml | head -1)
jar=$PWD/target/presence-stream-$version.jar
launcher=$PWD/target/presence-stream
[ -f "$jar" ] && [ -x "$launcher" ] || { echo "run mvn -B package first" >&2; exit 1; }
mkdir -p benchmarks/results
python3 benchmarks/startup.py "$jar" "$launcher" benchmarks/results/startup.json "$runs" \
  | tee -a benchmarks/results/startup.txt
