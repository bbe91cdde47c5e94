#!/usr/bin/env python3
"""The checks of benchmarks/soak.sh, against a running daemon and simulator.

1. Warm-up (10 s or a tenth of the run), then a forced full GC: the heap baseline.
2. For --seconds: every second GET /health/ready must answer (200 or 503 both count as an answer:
   a daemon that says it is not ready during a fault is honest) within 200 ms. A control request to
   the simulator's JVM follows each probe, to tell a slow daemon from a slow machine (it is reported,
   it excuses nothing).
3. A forced full GC again: the heap after GC at the end must not have grown beyond 25 % + 16 MiB of
   the baseline. The GC log's after-collection figures of the whole run are reported as well.
4. POST /_sim/traffic?rate=0, then until --quiesce-seconds: the daemon's /api/state must become equal
   to the simulator's /_sim/truth (faults keep coming; a correct daemon converges anyway).

States are compared after the normalisation of RingCentralSimulator.comparable, for the same reasons:
  - sequence: after a reset-sequences fault the truth's sequence restarts near zero while a consumer
    keeps the last one it applied until the next notification of that extension, and a consumer that
    resynced over REST has none (REST presence carries no sequence);
  - updatedAt: the truth's is the time of the change in the simulator, the daemon's the time it
    applied it (receipt, or the REST snapshot after a recovery);
  - per call, clockOffsetMs (the daemon's estimate of RingCentral's clock offset from receive times) and
    webRtcSessionId (a local WebRTC match); neither exists in the simulator;
  - calls are sorted by (sessionId, direction): the order of calls with equal start times is not
    significant.
Everything else (presence fields, every call field, the set of extensions) must be equal.
"""
import argparse
import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

READY_LIMIT = 0.200


def http(method, url, timeout):
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    started = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            body = res.read()
            return res.status, body, time.monotonic() - started
    except urllib.error.HTTPError as e:
        return e.code, e.read(), time.monotonic() - started
    except Exception as e:  # no answer at all
        return None, str(e).encode(), time.monotonic() - started


def normalise(states):
    out = {}
    for s in states:
        calls = []
        for c in s.get("calls") or []:
            c = dict(c)
            c.pop("clockOffsetMs", None)
            c.pop("webRtcSessionId", None)
            calls.append(c)
        calls.sort(key=lambda c: (c.get("sessionId") or "", c.get("direction") or ""))
        out[s["extensionId"]] = {"presence": s.get("presence"), "calls": calls}
    return out


def differences(daemon, truth, limit=5):
    diffs = []
    for ext in sorted(set(daemon) | set(truth), key=lambda x: (len(x), x)):
        if daemon.get(ext) != truth.get(ext):
            diffs.append({"extension": ext, "daemon": daemon.get(ext), "truth": truth.get(ext)})
    return len(diffs), diffs[:limit]


UNITS = {"K": 1 / 1024, "M": 1, "G": 1024}
GC_LINE = re.compile(r"\[(\d+\.\d+)s\].*Pause.*?(\d+)([KMG])->(\d+)([KMG])\((\d+)([KMG])\)")


def gc_after(path):
    """(uptime seconds, heap MiB after the collection, line) of every pause in the GC log."""
    out = []
    try:
        with open(path) as f:
            for line in f:
                m = GC_LINE.search(line)
                if m:
                    out.append((float(m.group(1)), int(m.group(4)) * UNITS[m.group(5)], line.strip()))
    except FileNotFoundError:
        pass
    return out


def forced_full_gc(pid, gc_log):
    """Heap MiB after a full GC run now in the daemon (jcmd GC.run), read from its GC log."""
    before = len(gc_after(gc_log))
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, stdout=subprocess.DEVNULL, timeout=120)
    for _ in range(50):
        pauses = gc_after(gc_log)[before:]
        full = [p for p in pauses if "Full" in p[2]]
        if full:
            return full[-1][1]
        time.sleep(0.1)
    raise RuntimeError("no full GC in the GC log after jcmd GC.run")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--daemon", required=True)
    p.add_argument("--simulator", required=True)
    p.add_argument("--daemon-pid", type=int, required=True)
    p.add_argument("--gc-log", required=True)
    p.add_argument("--seconds", type=int, default=600)
    p.add_argument("--quiesce-seconds", type=int, default=120)
    p.add_argument("--extensions", type=int)
    p.add_argument("--rate", type=float)
    p.add_argument("--chaos-every")
    p.add_argument("--heap")
    p.add_argument("--out")
    a = p.parse_args()
    failures = []
    result = {"seconds": a.seconds, "extensions": a.extensions, "rate": a.rate, "chaosEvery": a.chaos_every,
              "heap": a.heap}

    # Readiness probes run on their own thread, one a second, from the start: a forced GC below is
    # the measurement's own doing, and its probes are reported apart.
    probes = []
    forcing = threading.Event()
    stop = threading.Event()

    def probe_loop():
        nxt = time.monotonic()
        while not stop.is_set():
            status, _, took = http("GET", a.daemon + "/health/ready", timeout=5)
            # The same request to another JVM on the machine (the simulator's cheapest answer, a 404):
            # when both are slow in the same second, the machine was, not the daemon.
            _, _, control = http("GET", a.simulator + "/_sim/none", timeout=5)
            probes.append({"t": time.time(), "status": status, "ms": round(took * 1000, 1),
                           "controlMs": round(control * 1000, 1), "duringForcedGc": forcing.is_set()})
            nxt += 1.0
            stop.wait(max(0.0, nxt - time.monotonic()))

    warmup = max(10, min(60, a.seconds // 10))
    print(f"== warm-up {warmup} s (waiting for the daemon to be ready first)")
    deadline = time.monotonic() + 120
    while http("GET", a.daemon + "/health/ready", timeout=5)[0] != 200:
        if time.monotonic() > deadline:
            print("FAIL: the daemon never became ready")
            return 1
        time.sleep(0.5)
    time.sleep(warmup)
    forcing.set()
    baseline = forced_full_gc(a.daemon_pid, a.gc_log)
    forcing.clear()
    print(f"   heap after full GC at start: {baseline:.0f} MiB")

    print(f"== soak {a.seconds} s: /health/ready every second, limit {READY_LIMIT * 1000:.0f} ms")
    start = time.time()
    started_uptime_pauses = len(gc_after(a.gc_log))
    thread = threading.Thread(target=probe_loop, daemon=True)
    thread.start()
    time.sleep(a.seconds)
    stop.set()
    thread.join()
    forcing.set()
    end_heap = forced_full_gc(a.daemon_pid, a.gc_log)
    forcing.clear()
    pauses = gc_after(a.gc_log)[started_uptime_pauses:]
    young_after = [p[1] for p in pauses if "Full" not in p[2]]

    counted = [x for x in probes if not x["duringForcedGc"]]
    slow = [x for x in counted if x["status"] is None or x["ms"] > READY_LIMIT * 1000]
    not_ready = [x for x in counted if x["status"] == 503]
    latencies = sorted(x["ms"] for x in counted if x["status"] is not None)

    def pct(q):
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else None

    controls = sorted(x["controlMs"] for x in counted)
    slow_control_too = [x for x in slow if x["controlMs"] > READY_LIMIT * 1000]
    result["ready"] = {"probes": len(counted), "over200msOrNoAnswer": len(slow), "answered503": len(not_ready),
                       "p50ms": pct(0.50), "p99ms": pct(0.99), "maxMs": latencies[-1] if latencies else None,
                       "controlP50ms": controls[len(controls) // 2] if controls else None,
                       "controlMaxMs": controls[-1] if controls else None,
                       "slowWithControlSlowToo": len(slow_control_too),
                       "slowest": sorted(slow, key=lambda x: -x["ms"])[:5]}
    if slow:
        failures.append(f"/health/ready: {len(slow)} of {len(counted)} probes over 200 ms or unanswered")
    if len(counted) < a.seconds * 0.9:
        failures.append(f"/health/ready: only {len(counted)} probes in {a.seconds} s")
    grew = end_heap > baseline * 1.25 + 16
    result["heap"] = {"afterFullGcStartMiB": baseline, "afterFullGcEndMiB": end_heap,
                      "youngGcs": len(young_after),
                      "afterYoungGcMiB": {"min": min(young_after, default=None), "max": max(young_after, default=None),
                                          "first": young_after[:3], "last": young_after[-3:]}}
    if grew:
        failures.append(f"heap after full GC grew from {baseline:.0f} to {end_heap:.0f} MiB")

    print("== pausing traffic, waiting for the daemon to equal the truth")
    status, body, _ = http("POST", a.simulator + "/_sim/traffic?rate=0", timeout=10)
    if status != 200:
        failures.append(f"POST /_sim/traffic?rate=0 answered {status}: {body[:200]!r}")
    paused = time.monotonic()
    converged = None
    last = None
    previous = None
    quiet_reads = 0
    while time.monotonic() - paused < a.quiesce_seconds:
        s1, truth_body, _ = http("GET", a.simulator + "/_sim/truth", timeout=30)
        s2, state_body, _ = http("GET", a.daemon + "/api/state", timeout=30)
        if s1 == 200 and s2 == 200:
            truth = normalise(json.loads(truth_body))
            daemon = normalise(json.loads(state_body))
            quiet_reads = quiet_reads + 1 if daemon == previous else 0
            previous = daemon
            last = differences(daemon, truth)
            if last[0] == 0 and quiet_reads >= 2:  # equal, and unchanged over the last three reads
                converged = time.monotonic() - paused
                result["state"] = {"extensions": len(truth), "equal": True,
                                   "secondsAfterPause": round(converged, 1)}
                break
        time.sleep(1)
    if converged is None:
        count, sample = last if last else (None, [])
        result["state"] = {"equal": False, "differing": count, "sample": sample}
        failures.append(f"state: {count} extensions differ from the truth {a.quiesce_seconds} s after the pause")

    result["failures"] = failures
    result["ok"] = not failures
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=1)
    r, h = result["ready"], result["heap"]
    print()
    print(f"soak: {a.seconds} s, {a.extensions} extensions, {a.rate} steps/s, chaos every {a.chaos_every}")
    print(f"  /health/ready  {r['probes']} probes, p50 {r['p50ms']} ms, p99 {r['p99ms']} ms, max {r['maxMs']} ms, "
          f"{r['over200msOrNoAnswer']} over 200 ms or unanswered, {r['answered503']} answered 503 (not ready)")
    print(f"  control probe  (the simulator's JVM, same second) p50 {r['controlP50ms']} ms, max {r['controlMaxMs']} ms; "
          f"over 200 ms in {r['slowWithControlSlowToo']} of the daemon's slow seconds too")
    print(f"  heap after GC  full GC {h['afterFullGcStartMiB']:.0f} MiB at start -> {h['afterFullGcEndMiB']:.0f} MiB at end; "
          f"{h['youngGcs']} young GCs, after each {h['afterYoungGcMiB']['min']}-{h['afterYoungGcMiB']['max']} MiB")
    st = result["state"]
    if st["equal"]:
        print(f"  state          equal to /_sim/truth for all {st['extensions']} extensions, "
              f"{st['secondsAfterPause']} s after the pause")
    else:
        print(f"  state          {st['differing']} extensions differ; first: {json.dumps(st['sample'][:1])[:2000]}")
    if a.out:
        print(f"  raw            {a.out}")
    for f in failures:
        print("FAIL: " + f)
    print("OK" if not failures else "FAILED")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
