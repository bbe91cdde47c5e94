#!/usr/bin/env python3
"""Start-up of the packaged daemon against a bare JVM's, measured in the same run (benchmarks/startup.sh).

Usage: python3 benchmarks/startup.py <jar> <launcher> <out.json> [rounds]

Variants, interleaved round by round so that all see the same load:
  - peers: `java -version` (the JVM alone) and `java -cp <tmp> Hello` (the JVM plus one class of ours,
    compiled here): the floor any Java command pays on this machine;
  - `java -jar <jar> --version` and `<launcher> --version`: picocli and the command line, no daemon;
  - `java -jar <jar> run --port 0` and `<launcher> run --port 0` (with the class-data-sharing archive its
    first run writes; that first run is measured apart): the daemon on its built-in simulator (the default
    configuration: 24 extensions, 2 traffic steps/s).
For a command that exits: wall time from fork to exit and the CPU time of all its threads (user + sys, the
kernel's rusage of the waited-for child). For `run`: when the URL is printed, when /health/ready first
answers 200 (polled every 10 ms) with the CPU used until then (/proc/<pid>/stat), and when the first
`data:` line arrives on /events (a reader connected as soon as the URL is printed).
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HELLO = 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n'
CLK_TCK = os.sysconf("SC_CLK_TCK")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def exits(label, cmd):
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, code, usage = os.wait4(proc.pid, 0)
    proc.returncode = code
    wall = time.monotonic() - t0
    if code != 0:
        raise RuntimeError(f"{label}: exit status {code}")
    return {"variant": label, "wallSeconds": round(wall, 3), "cpuSeconds": round(usage.ru_utime + usage.ru_stime, 3)}


def daemon(label, cmd):
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd + ["run", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        timer = threading.Timer(120, proc.kill)  # bounds the read of stdout below
        timer.start()
        for line in proc.stdout:
            m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if m:
                url = m.group(1)
                break
        timer.cancel()
        if url is None:
            raise RuntimeError(f"{label}: no URL printed within 120 s")
        t_url = time.monotonic() - t0
        first_event = {}

        def read_events():
            try:
                with urllib.request.urlopen(url + "events", timeout=120) as stream:
                    for raw in stream:
                        if raw.startswith(b"data:"):
                            first_event["t"] = time.monotonic() - t0
                            return
            except Exception as e:
                first_event["error"] = str(e)

        reader = threading.Thread(target=read_events, daemon=True)
        reader.start()
        deadline = t0 + 120
        while True:
            try:
                with urllib.request.urlopen(url + "health/ready", timeout=5) as r:
                    if r.status == 200:
                        t_ready = time.monotonic() - t0
                        with open(f"/proc/{proc.pid}/stat") as stat:
                            fields = stat.read().rsplit(")", 1)[1].split()
                        cpu_ready = (int(fields[11]) + int(fields[12])) / CLK_TCK
                        break
            except Exception:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{label}: not ready within 120 s")
            time.sleep(0.01)
        reader.join(120)
        return {"variant": label, "urlPrintedSeconds": round(t_url, 3), "readySeconds": round(t_ready, 3),
                "cpuUntilReadySeconds": cpu_ready, "firstEventSeconds": round(first_event["t"], 3) if "t" in first_event else None}
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def line(r):
    if "readySeconds" in r:
        first = r["firstEventSeconds"]
        return (f"{r['variant']:<26} URL printed {r['urlPrintedSeconds']:6.2f} s   ready {r['readySeconds']:6.2f} s "
                f"(CPU {r['cpuUntilReadySeconds']:5.2f} s)   first SSE event "
                f"{first if first is None else format(first, '6.2f')} s")
    return f"{r['variant']:<26} exits after {r['wallSeconds']:6.2f} s (CPU {r['cpuSeconds']:5.2f} s)"


def summary(runs):
    out = {}
    for r in runs:
        if r["variant"].endswith("first run"):
            continue
        s = out.setdefault(r["variant"], {})
        for key, value in r.items():
            if key != "variant" and value is not None:
                s.setdefault(key, []).append(value)
    return {v: {k: {"min": min(xs), "median": statistics.median(xs), "max": max(xs)} for k, xs in s.items()}
            for v, s in out.items()}


def main():
    jar, launcher, out = sys.argv[1], sys.argv[2], sys.argv[3]
    rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    work = tempfile.mkdtemp(prefix="presence-startup.")
    with open(os.path.join(work, "Hello.java"), "w") as f:
        f.write(HELLO)
    subprocess.run(["javac", "-d", work, os.path.join(work, "Hello.java")], check=True, timeout=120)
    java_version = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "nproc": os.cpu_count(), "java": java_version,
              "loadAverageAtStart": loadavg(), "rounds": rounds, "runs": []}
    print(f"# {result['date']} {result['nproc']} cores, load {result['loadAverageAtStart']}, {java_version}", flush=True)

    def record(r):
        result["runs"].append(r)
        print(line(r), flush=True)

    # The launcher writes its archive when its first run exits, and uses it from then on.
    archive = os.path.join(os.path.dirname(launcher), "presence-stream.jsa")
    if os.path.exists(archive):
        os.remove(archive)
    record(daemon("launcher run, first run", [launcher]))
    if not os.path.exists(archive):
        print("warning: no CDS archive was written", file=sys.stderr)
    for _ in range(rounds):
        record(exits("java -version", ["java", "-version"]))
        record(exits("java Hello", ["java", "-cp", work, "Hello"]))
        record(exits("java -jar --version", ["java", "-jar", jar, "--version"]))
        record(exits("launcher --version", [launcher, "--version"]))
        record(daemon("java -jar run", ["java", "-jar", jar]))
        record(daemon("launcher run + AppCDS", [launcher]))
    result["loadAverageAtEnd"] = loadavg()
    result["summary"] = summary(result["runs"])
    print(f"# load at end {result['loadAverageAtEnd']}", flush=True)
    with open(out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
