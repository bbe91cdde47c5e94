#!/usr/bin/env python3
"""The daemon's memory at 1 / 1,000 / 10,000 / 100,000 extensions on the simulator (stage `memory` of run.sh).

Usage: python3 benchmarks/memory.py --jar target/presence-stream-<v>.jar --out benchmarks/results/memory.json
       [--sizes 1,1000,10000,100000] [--traffic-seconds 30] [--rate 20] [--daemon-heap 1g] [--simulator-heap 2g]

Per size N, in this order, two processes started from the packaged jar (`java -jar`, as the README documents):
  1. `simulate --extensions N --rate R --seed 7` (its own JVM, so the daemon's RSS is the daemon's alone);
  2. `run --config <yaml>` pointed at it (`extensions: all`, credentials in the environment), -XmxH.
Measured on the daemon, from the moment it is forked: the first 200 of /health/ready (time and CPU),
then `presence_engine_extensions_tracked` reaching N on /metrics (the state of every extension loaded:
time, CPU, and the bytes the simulator had written by then — `wchar` of its /proc/<pid>/io: what the daemon
was sent); then R traffic steps a second for --traffic-seconds (VmRSS sampled every second); then VmRSS/RssAnon/RssFile before a forced
full GC (`jcmd GC.run`), the heap after it (`jcmd GC.heap_info`: used and committed; Metaspace), VmRSS
after it and VmHWM (the peak). The same for the simulator's JVM, which holds the same N extensions.
Then, traffic paused, the sizes of the same state as JSON: RingCentral's REST snapshot (every page of
`GET /restapi/v1.0/account/~/presence?detailedTelephonyState=true&sipData=true&perPage=1000`, what the
daemon reads at start), the daemon's own `GET /api/state` and the simulator's `/_sim/truth`.
Peers in the same run: N = 1 (the daemon idle: JVM, classes, event loops, buffers) and a bare JVM
(`Idle`, compiled here, same -Xmx, sleeping); per-extension figures are (X(N) - X(1)) / (N - 1).
Every wait is bounded; processes are stopped with SIGTERM (SIGKILL after 30 s).
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

IDLE_JAVA = """
public class Idle {
  public static void main(String[] args) throws Exception {
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
"""
PRESENCE_QUERY = "detailedTelephonyState=true&sipData=true"
CLK_TCK = os.sysconf("SC_CLK_TCK")


# How far the size under way got: reported with its error if it does not finish.
progress = {}


class TimeLimit(BaseException):
    """The stage's time limit ended the run (a BaseException, so that no `except Exception` swallows it)."""


def log(msg):
    print(msg, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def status(pid):
    """VmRSS, VmHWM, RssAnon, RssFile (KiB) and Threads of a process."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem"):
                out[key + "KiB"] = int(value.split()[0])
            elif key == "Threads":
                out["threads"] = int(value)
    return out


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def bytes_written(pid):
    """`wchar` of /proc/<pid>/io: every byte the process wrote, sockets included."""
    with open(f"/proc/{pid}/io") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key == "wchar":
                return int(value)
    return None


def http(url, method="GET", data=None, headers=None, timeout=30):
    req = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except Exception:
        return None, b""


HEAP_LINE = re.compile(r"heap\s+total (\d+)K, used (\d+)K")
META_LINE = re.compile(r"Metaspace\s+used (\d+)K, committed (\d+)K")


def gc_and_heap(pid):
    """Forces a full GC (jcmd GC.run, System.gc(): a full collection under G1), then reads the heap."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=120, check=True)
    time.sleep(1)
    text = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    heap = HEAP_LINE.search(text)
    meta = META_LINE.search(text)
    return {
        "heapUsedAfterGcKiB": int(heap.group(2)) if heap else None,
        "heapCommittedAfterGcKiB": int(heap.group(1)) if heap else None,
        "metaspaceUsedKiB": int(meta.group(1)) if meta else None,
        "metaspaceCommittedKiB": int(meta.group(2)) if meta else None,
        "heapInfo": text.strip().splitlines()[1:],
    }


def memory_of(pid):
    """RSS before and after a forced full GC, the heap after it, and the peak RSS."""
    before = status(pid)
    heap = gc_and_heap(pid)
    after = status(pid)
    return {
        "rssBeforeGcKiB": before["VmRSSKiB"], "rssAnonBeforeGcKiB": before.get("RssAnonKiB"),
        "rssFileBeforeGcKiB": before.get("RssFileKiB"),
        "rssAfterGcKiB": after["VmRSSKiB"], "rssAnonAfterGcKiB": after.get("RssAnonKiB"),
        "rssFileAfterGcKiB": after.get("RssFileKiB"),
        "peakRssKiB": after["VmHWMKiB"], "threads": after.get("threads"),
        **heap,
    }


def stop(proc, grace=30):
    if proc is None or proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def wait_for_line(path, pattern, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with open(path) as f:
                for line in f:
                    if re.search(pattern, line):
                        return line
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before printing /{pattern}/; see {path}")
        time.sleep(0.05)
    raise RuntimeError(f"no /{pattern}/ in {path} within {timeout} s")


def metric(text, name):
    m = re.search(r"^" + re.escape(name) + r"(?:\{[^}]*\})? ([0-9.eE+-]+)$", text, re.M)
    return float(m.group(1)) if m else None


def metric_sum(text, name, label):
    """Sum of a metric's samples whose labels contain `label` (e.g. area="nonheap")."""
    return sum(float(m.group(1)) for m in
               re.finditer(r"^" + re.escape(name) + r"\{[^}]*" + re.escape(label) + r"[^}]*\} ([0-9.eE+-]+)$", text, re.M))


HISTO_LINE = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")


def histogram(pid, top=40):
    """The classes holding the most heap (jcmd GC.class_histogram, which collects first): where the bytes are."""
    text = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=120,
                          check=True).stdout
    rows = [HISTO_LINE.match(l) for l in text.splitlines()]
    return [{"class": m.group(3), "instances": int(m.group(1)), "bytes": int(m.group(2))} for m in rows if m][:top]


def idle_jvm(java, heap, work):
    """The peer of the daemon's fixed cost: a JVM with the same -Xmx that loads one class and sleeps."""
    src = os.path.join(work, "Idle.java")
    with open(src, "w") as f:
        f.write(IDLE_JAVA)
    subprocess.run(["javac", "-d", work, src], check=True, timeout=120)
    t0 = time.monotonic()
    proc = subprocess.Popen([java, f"-Xmx{heap}", "-cp", work, "Idle"], stdout=subprocess.PIPE, text=True)
    try:
        proc.stdout.readline()
        started = time.monotonic() - t0
        time.sleep(2)
        m = memory_of(proc.pid)
        m["startSeconds"] = round(started, 3)
        return m
    finally:
        stop(proc)


def sizes_of_json(sim_url, daemon_url, credentials, n):
    """Bytes of the same state as JSON: RingCentral's REST snapshot, the daemon's /api/state, /_sim/truth."""
    basic = base64.b64encode(f"{credentials['clientId']}:{credentials['clientSecret']}".encode()).decode()
    code, body = http(sim_url + "/restapi/oauth/token", "POST",
                      data=("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion="
                            + credentials["jwt"]).encode(),
                      headers={"Authorization": "Basic " + basic,
                               "Content-Type": "application/x-www-form-urlencoded"})
    if code != 200:
        raise RuntimeError(f"simulator token endpoint answered {code}: {body[:200]!r}")
    bearer = {"Authorization": "Bearer " + json.loads(body)["access_token"]}
    rest_bytes, records, pages = 0, 0, 0
    url = sim_url + f"/restapi/v1.0/account/~/presence?{PRESENCE_QUERY}&page=1&perPage=1000"
    while url and pages < 1000:
        code, body = http(url, headers=bearer, timeout=60)
        if code != 200:
            raise RuntimeError(f"account presence page answered {code}: {body[:200]!r}")
        page = json.loads(body)
        rest_bytes += len(body)
        records += len(page.get("records", []))
        pages += 1
        url = (page.get("navigation") or {}).get("nextPage", {}).get("uri")
    code, state = http(daemon_url + "/api/state", timeout=120)
    state_count = len(json.loads(state)) if code == 200 else None
    code, truth = http(sim_url + "/_sim/truth", timeout=120)
    return {
        "restSnapshotBytes": rest_bytes, "restSnapshotRecords": records, "restSnapshotPages": pages,
        "restSnapshotBytesPerExtension": round(rest_bytes / max(1, records), 1),
        "apiStateBytes": len(state), "apiStateExtensions": state_count,
        "apiStateBytesPerExtension": round(len(state) / max(1, state_count or 1), 1),
        "simTruthBytes": len(truth), "simTruthBytesPerExtension": round(len(truth) / n, 1),
    }


def one_size(args, n, work):
    row = {"extensions": n, "loadAverageAtStart": loadavg()}
    sim_out, sim_err = os.path.join(work, f"sim-{n}.out"), os.path.join(work, f"sim-{n}.log")
    d_out, d_err = os.path.join(work, f"daemon-{n}.out"), os.path.join(work, f"daemon-{n}.log")
    sim = daemon = None
    try:
        sim = subprocess.Popen(
            [args.java, f"-Xmx{args.simulator_heap}", "-jar", args.jar, "simulate", "--port", "0",
             "--extensions", str(n), "--rate", str(args.rate), "--seed", "7"],
            stdout=open(sim_out, "w"), stderr=open(sim_err, "w"))
        sim_url = wait_for_line(sim_out, r"server URL", sim, 120).split()[-1].rstrip("/")
        wait_for_line(sim_out, r"^\s*JWT", sim, 10)
        with open(sim_out) as f:
            text = f.read()
        credentials = {k: re.search(p, text, re.M).group(1) for k, p in
                       (("clientId", r"client id\s+(\S+)"), ("clientSecret", r"client secret\s+(\S+)"),
                        ("jwt", r"^\s*JWT\s+(\S+)"))}
        config = os.path.join(work, f"daemon-{n}.yaml")
        with open(config, "w") as f:
            f.write(f"source:\n  ringcentral:\n    serverUrl: {sim_url}\n    extensions: all\n"
                    "server:\n  host: 127.0.0.1\n  port: 0\n")
        env = {k: v for k, v in os.environ.items() if k != "PRESENCE_STREAM_TOKEN"}
        env.update(RINGCENTRAL_CLIENT_ID=credentials["clientId"], RINGCENTRAL_CLIENT_SECRET=credentials["clientSecret"],
                   RINGCENTRAL_JWT=credentials["jwt"])
        t0 = time.monotonic()
        daemon = subprocess.Popen(
            [args.java, f"-Xmx{args.daemon_heap}", "-jar", args.jar, "run", "--config", config],
            stdout=open(d_out, "w"), stderr=open(d_err, "w"), env=env)
        url = re.search(r"(http://127\.0\.0\.1:\d+)/", wait_for_line(d_out, r"http://127\.0\.0\.1:\d+/", daemon, 120)).group(1)
        row["urlPrintedSeconds"] = round(time.monotonic() - t0, 3)

        deadline = t0 + args.ready_timeout
        while True:
            code, _ = http(url + "/health/ready", timeout=5)
            if code == 200:
                row["readySeconds"] = round(time.monotonic() - t0, 3)
                row["cpuUntilReadySeconds"] = cpu_seconds(daemon.pid)
                code, body = http(url + "/metrics", timeout=10)
                row["trackedAtReady"] = metric(body.decode(errors="replace"), "presence_engine_extensions_tracked")
                break
            if time.monotonic() > deadline or daemon.poll() is not None:
                raise RuntimeError(f"daemon not ready within {args.ready_timeout} s (see {d_err})")
            time.sleep(0.05)
        deadline = t0 + args.load_timeout
        while True:
            code, body = http(url + "/metrics", timeout=10)
            tracked = metric(body.decode(errors="replace"), "presence_engine_extensions_tracked") if code == 200 else None
            progress.update(tracked=tracked, seconds=round(time.monotonic() - t0, 1), readySeconds=row["readySeconds"])
            if tracked is not None and tracked >= n:
                row["stateLoadedSeconds"] = round(time.monotonic() - t0, 3)
                row["cpuUntilLoadedSeconds"] = cpu_seconds(daemon.pid)
                row["simulatorWroteUntilLoadedBytes"] = bytes_written(sim.pid)
                row["peakRssUntilLoadedKiB"] = status(daemon.pid)["VmHWMKiB"]
                break
            if time.monotonic() > deadline or daemon.poll() is not None:
                raise RuntimeError(f"{tracked} of {n} extensions tracked after {args.load_timeout} s (see {d_err})")
            time.sleep(0.5 if n > 1000 else 0.1)
        log(f"   N={n}: ready {row['readySeconds']} s, all {n} loaded {row['stateLoadedSeconds']} s; "
            f"traffic {args.traffic_seconds} s at {args.rate} steps/s")

        samples = []
        end = time.monotonic() + args.traffic_seconds
        while time.monotonic() < end:
            samples.append(status(daemon.pid)["VmRSSKiB"])
            time.sleep(1)
        row["rssDuringTrafficKiB"] = {"min": min(samples), "max": max(samples), "samples": len(samples)}
        code, body = http(url + "/metrics", timeout=30)
        text = body.decode(errors="replace")
        row["tracked"] = metric(text, "presence_engine_extensions_tracked")
        row["callsActive"] = metric(text, "presence_engine_calls_active")
        row["connections"] = metric(text, "presence_connection_connected")
        row["inputsReceived"] = metric(text, "presence_engine_inputs_received_total")
        # What the JVM itself says it has committed besides the heap (code cache, Metaspace, class space)
        # and the JDK's direct buffers, to split the RSS; Netty's pooled direct memory is not in these.
        row["nonHeapCommittedKiB"] = round(metric_sum(text, "jvm_memory_committed_bytes", 'area="nonheap"') / 1024)
        row["heapCommittedKiB"] = round(metric_sum(text, "jvm_memory_committed_bytes", 'area="heap"') / 1024)
        row["directBuffersKiB"] = round(metric_sum(text, "jvm_buffer_memory_used_bytes", 'id="direct"') / 1024)
        row["daemon"] = memory_of(daemon.pid)
        row["daemon"]["cpuSeconds"] = cpu_seconds(daemon.pid)
        row["daemonHistogram"] = histogram(daemon.pid)
        row["simulator"] = memory_of(sim.pid)
        row["simulator"]["cpuSeconds"] = cpu_seconds(sim.pid)
        http(sim_url + "/_sim/traffic?rate=0", "POST", data=b"")
        time.sleep(1)
        row["json"] = sizes_of_json(sim_url, url, credentials, n)
        row["loadAverageAtEnd"] = loadavg()
        with open(d_err) as f:
            row["daemonLogWarnings"] = [l.strip() for l in f if " WARN " in l or " ERROR " in l][:20]
        return row
    finally:
        stop(daemon)
        stop(sim)


def per_extension(rows):
    base = next((r for r in rows if r["extensions"] == 1 and "daemon" in r), None)
    if base is None:
        return
    for r in rows:
        n = r["extensions"]
        if n <= 1 or "daemon" not in r:
            continue
        per = {}
        for side in ("daemon", "simulator"):
            for key in ("heapUsedAfterGcKiB", "rssAfterGcKiB", "rssBeforeGcKiB", "peakRssKiB"):
                a, b = r[side].get(key), base[side].get(key)
                if a is not None and b is not None:
                    per[f"{side}{key[0].upper()}{key[1:-3]}BytesPerExtension"] = round((a - b) * 1024 / (n - 1), 1)
        r["perExtension"] = per


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--jar", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--sizes", default="1,1000,10000,100000")
    p.add_argument("--traffic-seconds", type=int, default=30)
    p.add_argument("--rate", type=float, default=20)
    p.add_argument("--daemon-heap", default="1g")
    p.add_argument("--simulator-heap", default="2g")
    p.add_argument("--ready-timeout", type=int, default=120)
    p.add_argument("--load-timeout", type=int, default=300)
    p.add_argument("--java", default=shutil.which("java") or "java")
    args = p.parse_args()
    # A SIGTERM (run.sh's time limit) unwinds through the finally blocks, which stop the two JVMs, and is
    # recorded as the error of the size under way.
    def time_limit(*_):
        raise TimeLimit("stopped by SIGTERM (run.sh's time limit) before this size finished")

    signal.signal(signal.SIGTERM, time_limit)
    sizes = [int(s) for s in args.sizes.split(",")]
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "nproc": os.cpu_count(),
        "memTotalKiB": int(open("/proc/meminfo").readline().split()[1]), "java": java_version,
        "jar": os.path.basename(args.jar), "loadAverageAtStart": loadavg(),
        "daemonCommand": f"java -Xmx{args.daemon_heap} -jar {os.path.basename(args.jar)} run --config <yaml: "
                         "source.ringcentral.serverUrl=<simulator>, extensions: all; server.port: 0>",
        "simulatorCommand": f"java -Xmx{args.simulator_heap} -jar {os.path.basename(args.jar)} simulate --port 0 "
                            f"--extensions N --rate {args.rate:g} --seed 7",
        "trafficSeconds": args.traffic_seconds, "rate": args.rate,
        "daemonHeap": args.daemon_heap, "simulatorHeap": args.simulator_heap, "sizes": sizes, "rows": [],
    }
    work = tempfile.mkdtemp(prefix="presence-memory.")

    def save():
        os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
        with open(args.out, "w") as f:
            json.dump(result, f, indent=1)

    try:
        log("   a bare JVM (peer): Idle, same -Xmx")
        result["idleJvm"] = idle_jvm(args.java, args.daemon_heap, work)
        for n in sizes:
            log(f"   N={n}: simulator and daemon (load {loadavg()})")
            progress.clear()
            try:
                result["rows"].append(one_size(args, n, work))
            except (Exception, TimeLimit) as e:  # keep what was measured; say what failed
                log(f"!! N={n}: {e}")
                result["rows"].append({"extensions": n, "error": str(e), "progress": dict(progress),
                                       "loadAverageAtEnd": loadavg()})
                if isinstance(e, TimeLimit):
                    break
            finally:
                per_extension(result["rows"])
                save()
    finally:
        result["loadAverageAtEnd"] = loadavg()
        result["logs"] = work
        save()
    print_table(result)
    return 1 if any("error" in r for r in result["rows"]) else 0


def mib(kib):
    return "–" if kib is None else f"{kib / 1024:,.1f}"


def print_table(result):
    idle = result.get("idleJvm", {})
    log(f"bare JVM: RSS {mib(idle.get('rssAfterGcKiB'))} MiB after GC, heap used {mib(idle.get('heapUsedAfterGcKiB'))} MiB")
    log(f"{'N':>7} {'ready s':>8} {'loaded s':>9} {'CPU s':>6} {'RSS MiB':>8} {'after GC':>9} {'peak':>7} "
        f"{'heap MiB':>9} {'B/ext heap':>10} {'B/ext RSS':>10} {'sim RSS':>8} {'sim heap':>9} {'REST B/ext':>10}")
    for r in result["rows"]:
        if "error" in r:
            log(f"{r['extensions']:>7} error: {r['error']}")
            continue
        d, s, per = r["daemon"], r["simulator"], r.get("perExtension", {})
        log(f"{r['extensions']:>7} {r['readySeconds']:>8.2f} {r['stateLoadedSeconds']:>9.2f} "
            f"{r['cpuUntilLoadedSeconds']:>6.1f} {mib(d['rssBeforeGcKiB']):>8} {mib(d['rssAfterGcKiB']):>9} "
            f"{mib(d['peakRssKiB']):>7} {mib(d['heapUsedAfterGcKiB']):>9} "
            f"{per.get('daemonHeapUsedAfterGcBytesPerExtension', '–'):>10} {per.get('daemonRssAfterGcBytesPerExtension', '–'):>10} "
            f"{mib(s['rssBeforeGcKiB']):>8} {mib(s['heapUsedAfterGcKiB']):>9} "
            f"{r['json']['restSnapshotBytesPerExtension']:>10}")


if __name__ == "__main__":
    sys.exit(main())
