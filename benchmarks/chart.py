#!/usr/bin/env python3
"""Regenerates benchmarks/results/chart.svg and results/summary.md from the raw results.

Usage: python3 benchmarks/chart.py [results-dir]

Standard library only; the SVG is written by hand. Panels: (1) JMH notifications/s per stage and corpus
size with the full-path / tokenisation ratio, (2) end to end send -> SSE receive latency (p50, p99)
against the delivered notification rate for 1 / 100 / 1,000 SSE clients, (3) heap per tracked extension,
(4) the SSE fan-out against nginx + nchan (results/fanout.json): delivered events/s and server CPU per million,
(5) the daemon's memory at 1 / 1,000 / 10,000 / 100,000 extensions on the simulator (results/memory.json): RSS
before and after a full GC, heap after GC, against the simulator's RSS and a bare JVM's. summary.md also gets
the memory and start-up (results/startup.json) tables.
Missing result files are skipped (their panel says so).
"""
import json
import math
import os
import sys
from xml.sax.saxutils import escape

RESULTS = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "results")
STAGES = ["tokenize", "decode", "engine", "fullPath"]
STAGE_LABEL = {"tokenize": "bare Jackson tokenisation", "decode": "decode to records",
               "engine": "engine alone", "fullPath": "full path bytes -> events"}
COLORS = {"tokenize": "#7f7f7f", "decode": "#1f77b4", "engine": "#2ca02c", "fullPath": "#d62728",
          1: "#9467bd", 100: "#ff7f0e", 1000: "#17becf"}


def load(name):
    path = os.path.join(RESULTS, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def jmh_table(jmh):
    """{size: {stage: (score, error, allocBytesPerOp)}}"""
    table = {}
    for r in jmh or []:
        stage = r["benchmark"].rsplit(".", 1)[1]
        size = int(r["params"]["notifications"])
        m = r["primaryMetric"]
        alloc = r.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score")
        table.setdefault(size, {})[stage] = (m["score"], m["scoreError"], alloc)
    return table


def fmt(n):
    return f"{n:,.0f}"


class Svg:
    def __init__(self, w, h):
        self.w, self.h, self.parts = w, h, []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, size=12, anchor="start", weight="normal", color="#222", rotate=None):
        tr = f' transform="rotate({rotate} {x} {y})"' if rotate else ""
        self.add(f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
                 f'font-weight="{weight}" fill="{color}"{tr}>{escape(str(s))}</text>')

    def line(self, x1, y1, x2, y2, color="#999", width=1, dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{color}" '
                 f'stroke-width="{width}"{d}/>')

    def rect(self, x, y, w, h, color):
        self.add(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{max(h, 0):.1f}" fill="{color}"/>')

    def polyline(self, pts, color, width=2, dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        p = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
        self.add(f'<polyline points="{p}" fill="none" stroke="{color}" stroke-width="{width}"{d}/>')
        for x, y in pts:
            self.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"/>')

    def render(self):
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.w}" height="{self.h}" '
                f'viewBox="0 0 {self.w} {self.h}" font-family="sans-serif">\n'
                f'<rect width="100%" height="100%" fill="white"/>\n' + "\n".join(self.parts) + "\n</svg>\n")


def panel_jmh(svg, x0, y0, w, h, table, probe=None):
    svg.text(x0, y0 - 10, "JMH: notifications/s per stage (same corpus, same run; stages run minutes apart, "
                          "so shifting machine load skews their ratios)", 14, weight="bold")
    if not table:
        svg.text(x0 + 10, y0 + 30, "no results/jmh.json")
        return
    sizes = sorted(table)
    top = max(v[0] for s in sizes for v in table[s].values())
    scale = 10 ** math.ceil(math.log10(top))
    for step in (0.2, 0.25, 0.5, 1.0):
        if top <= scale * step:
            scale *= step
            break
    left, bottom = x0 + 60, y0 + h - 40
    ph = h - 60
    for i in range(6):
        v = scale * i / 5
        y = bottom - ph * i / 5
        svg.line(left, y, x0 + w, y, "#e5e5e5")
        svg.text(left - 6, y + 4, fmt(v), 10, "end")
    group_w = (x0 + w - left) / len(sizes)
    bar_w = group_w * 0.8 / len(STAGES)
    for gi, size in enumerate(sizes):
        gx = left + gi * group_w + group_w * 0.1
        for si, stage in enumerate(STAGES):
            if stage not in table[size]:
                continue
            score = table[size][stage][0]
            bh = ph * score / scale
            svg.rect(gx + si * bar_w, bottom - bh, bar_w - 4, bh, COLORS[stage])
            svg.text(gx + si * bar_w + bar_w / 2 - 2, bottom - bh - 4, fmt(score), 9, "middle")
        t = table[size]
        ratio = t["fullPath"][0] / t["tokenize"][0] if "fullPath" in t and "tokenize" in t else float("nan")
        svg.text(gx + group_w * 0.4, bottom + 16, f"corpus {size:,} notifications", 11, "middle")
        svg.text(gx + group_w * 0.4, bottom + 30, f"JMH full path / tokenisation = {ratio:.0%} (load-skewed)",
                 11, "middle", color=COLORS["fullPath"])
    if probe:
        svg.text(x0 + w / 2, y0 + 8, f"interleaved probe (same JVM, stages alternated, median of "
                 f"{probe['rounds']} rounds): full path / tokenisation = "
                 f"{probe['fullPathOverTokenize']['median']:.0%}", 11, "middle", weight="bold",
                 color=COLORS["fullPath"])
    lx = x0 + w - 200
    for i, stage in enumerate(STAGES):
        svg.rect(lx, y0 + 4 + i * 16, 10, 10, COLORS[stage])
        svg.text(lx + 14, y0 + 13 + i * 16, STAGE_LABEL[stage], 10)


def panel_e2e(svg, x0, y0, w, h, e2e, pipeline):
    svg.text(x0, y0 - 10, "End to end: engine input -> SSE receive, p99, vs notifications/s", 14, weight="bold")
    # the same clean measure on both feeds: every event, from the time the engine got its input
    key = "clientToSseLatencyMs"
    datasets = [(name, rows) for name, rows in (("simulator feed", e2e), ("pipeline feed", pipeline)) if rows]
    pts = [(r["sentPerSecond"], r[key]["p99"], r["clients"], name)
           for name, rows in datasets for r in rows if r[key]["count"] > 0]
    if not pts:
        svg.text(x0 + 10, y0 + 30, "no results/e2e.json or e2e-pipeline.json with latency samples")
        return
    xmax = max(max(p[0] for p in pts), 1000) * 1.1
    ymax_log = math.ceil(math.log10(max(p[1] for p in pts) * 1.2))
    ymin_log = min(0, math.floor(math.log10(max(min(p[1] for p in pts), 0.1))))
    left, bottom = x0 + 60, y0 + h - 40
    pw, ph = w - 70, h - 60

    def X(v):
        return left + pw * v / xmax

    def Y(v):
        v = max(v, 10 ** ymin_log)
        return bottom - ph * (math.log10(v) - ymin_log) / (ymax_log - ymin_log)

    for e in range(ymin_log, ymax_log + 1):
        svg.line(left, Y(10 ** e), left + pw, Y(10 ** e), "#e5e5e5")
        svg.text(left - 6, Y(10 ** e) + 4, f"{10 ** e:g} ms", 10, "end")
    for i in range(6):
        v = xmax * i / 5
        svg.line(X(v), bottom, X(v), bottom + 4)
        svg.text(X(v), bottom + 16, fmt(v), 10, "middle")
    svg.text(left + pw / 2, bottom + 32, "notifications/s sent (log latency axis)", 11, "middle")
    svg.line(left, Y(20), left + pw, Y(20), "#d62728", 1, "4,3")
    svg.text(left + pw - 4, Y(20) - 4, "target: p99 < 20 ms at 20,000/s, 100 clients", 10, "end", color="#d62728")
    row = 0
    for name, rows in datasets:
        dash = None if name.startswith("simulator") else "5,4"
        for clients in sorted({r["clients"] for r in rows}):
            series = sorted((p[0], p[1]) for p in pts if p[2] == clients and p[3] == name)
            if not series:
                continue
            color = COLORS.get(clients, "#333")
            svg.polyline([(X(a), Y(b)) for a, b in series], color, 2, dash)
            svg.line(left + 10, y0 + 11 + row * 16, left + 34, y0 + 11 + row * 16, color, 2, dash)
            svg.text(left + 40, y0 + 15 + row * 16, f"{name}, {clients:,} SSE client{'s' if clients > 1 else ''}", 10)
            row += 1


def panel_heap(svg, x0, y0, w, h, heap):
    svg.text(x0, y0 - 10, "Heap per tracked extension (after GC)", 14, weight="bold")
    if not heap:
        svg.text(x0 + 10, y0 + 30, "no results/heap.json")
        return
    rows = heap
    top = max(max(r["trackerBytesPerExtension"], r["engineBytesPerExtension"]) for r in rows)
    top = max(top, 2048) * 1.1
    left, bottom = x0 + 50, y0 + h - 40
    pw, ph = w - 60, h - 60
    for v in (0, 512, 1024, 1536, 2048):
        y = bottom - ph * v / top
        svg.line(left, y, left + pw, y, "#e5e5e5" if v != 2048 else "#d62728", 1, None if v != 2048 else "4,3")
        svg.text(left - 6, y + 4, f"{v} B", 10, "end")
    svg.text(left + pw - 4, bottom - ph * 2048 / top - 4, "target 2 KiB (idle)", 10, "end", color="#d62728")
    bw = pw / len(rows)
    for i, r in enumerate(rows):
        v = r["engineBytesPerExtension"]
        bh = ph * v / top
        color = "#2ca02c" if r["mode"] == "idle" else "#1f77b4"
        svg.rect(left + i * bw + 6, bottom - bh, bw - 12, bh, color)
        svg.text(left + i * bw + bw / 2, bottom - bh - 4, f"{v:.0f} B", 10, "middle")
        svg.text(left + i * bw + bw / 2, bottom + 14, f"{r['extensions'] // 1000}k {r['mode']}", 10, "middle")
    svg.text(left, bottom + 30, "engine facade; 'calls' = one live call each", 10)


def e2e_table(out, rows, title):
    out.append(f"{title}\n")
    out.append("| SSE clients | target/s | sent notif/s | events/s (hub) | delivered events/s (all clients) "
               "| input→SSE p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | call.new sim→SSE p50 ms | p90 ms "
               "| dropped | saturated |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        l = r["clientToSseLatencyMs"]
        c = r.get("callNewLatencyMs", {"count": 0})
        c50, c90 = (f"{c['p50']:.1f}", f"{c['p90']:.1f}") if c.get("count") else ("–", "–")
        out.append(f"| {r['clients']:,} | {r['targetRate']:,} | {fmt(r['sentPerSecond'])} | "
                   f"{fmt(r['eventsPerSecond'])} | {fmt(r['deliveredPerSecond'])} | {l['p50']:.1f} | {l['p90']:.1f} | "
                   f"{l['p99']:.1f} | {l['p999']:.1f} | {l['max']:.1f} | {c50} | {c90} | "
                   f"{r['hubDropped']} | {'yes' if r['saturated'] else ''} |")
    out.append("")


def summary(machine, corpus, table, heap, e2e, stall, pipeline=None, ratio=None):
    out = []
    if machine:
        out.append(f"Machine: {machine['nproc']} cores, {machine['memory']} RAM, {machine['java']}; "
                   f"run {machine['date']}, load average at start {machine['loadAverageAtStart']}.\n")
    if table:
        out.append("| corpus | stage | notifications/s | ± (99.9 %) | bytes allocated / notification |")
        out.append("|---:|---|---:|---:|---:|")
        for size in sorted(table):
            for stage in STAGES:
                if stage in table[size]:
                    s, e, a = table[size][stage]
                    out.append(f"| {size:,} | {STAGE_LABEL[stage]} | {fmt(s)} | {fmt(e)} | "
                               f"{'' if a is None else fmt(a)} |")
        out.append("")
        for size in sorted(table):
            t = table[size]
            if "fullPath" in t and "tokenize" in t:
                out.append(f"- corpus {size:,}: full path / bare tokenisation = "
                           f"**{t['fullPath'][0] / t['tokenize'][0]:.0%}**; decode / tokenisation = "
                           f"{t['decode'][0] / t['tokenize'][0]:.0%}")
        out.append("")
    if heap:
        out.append("| extensions | state | tracker B/extension | engine facade B/extension |")
        out.append("|---:|---|---:|---:|")
        for r in heap:
            out.append(f"| {r['extensions']:,} | {r['mode']} | {r['trackerBytesPerExtension']:.0f} | "
                       f"{r['engineBytesPerExtension']:.0f} |")
        out.append("")
    if ratio:
        m = ratio["medianPerSecond"]
        out.append(f"Interleaved probe ({ratio['notifications']:,}-notification corpus, {ratio['rounds']} rounds, "
                   f"median): tokenize {fmt(m['tokenize'])}/s, decode {fmt(m['decode'])}/s, engine "
                   f"{fmt(m['engine'])}/s, full path {fmt(m['fullPath'])}/s; full path / tokenisation "
                   f"**{ratio['fullPathOverTokenize']['median']:.0%}** (per-round range "
                   f"{ratio['fullPathOverTokenize']['min']:.0%}–{ratio['fullPathOverTokenize']['max']:.0%}).\n")
    if e2e:
        e2e_table(out, e2e, "Simulator feed (simulator → WebSocket → client → engine → hub → SSE):")
    if pipeline:
        e2e_table(out, pipeline, "Pipeline feed (generator frames → engine → hub → SSE, no simulator/WebSocket leg):")
    if stall:
        b, s = stall["baseline"], stall["stalled"]
        out.append("| phase | sent notif/s | p50 ms | p99 ms | p99.9 ms | max ms | heap after GC |")
        out.append("|---|---:|---:|---:|---:|---:|---:|")
        out.append(f"| {stall['clients']} clients | {fmt(b['sentPerSecond'])} | {b['clientToSseLatencyMs']['p50']:.2f} | "
                   f"{b['clientToSseLatencyMs']['p99']:.2f} | {b['clientToSseLatencyMs']['p999']:.2f} | "
                   f"{b['clientToSseLatencyMs']['max']:.2f} | {stall['heapAfterBaselineBytes'] / 2**20:.1f} MiB |")
        out.append(f"| same + 1 stalled client | {fmt(s['sentPerSecond'])} | {s['clientToSseLatencyMs']['p50']:.2f} | "
                   f"{s['clientToSseLatencyMs']['p99']:.2f} | {s['clientToSseLatencyMs']['p999']:.2f} | "
                   f"{s['clientToSseLatencyMs']['max']:.2f} | {stall['heapWithStalledClientBytes'] / 2**20:.1f} MiB |")
        out.append(f"\nAfter the stalled client closed: {stall['heapAfterStalledClosedBytes'] / 2**20:.1f} MiB; "
                   f"hub: largest client buffer {stall['hubMaxClientBuffered']} events, "
                   f"{stall['hubDroppedEvents']:,} events dropped (drop-oldest, with a gap event).\n")
    return "\n".join(out) + "\n"


def panel_fanout(svg, x0, y0, w, h, fanout):
    """SSE fan-out against nginx + nchan (FanOutBench): delivered events/s and server CPU per million."""
    svg.text(x0, y0 - 10, "SSE fan-out, readers in their own process: presence-stream (engine -> hub -> SSE, solid) "
                          "vs nginx + nchan (dashed)", 14, weight="bold")
    svg.text(x0, y0 + 6, "hollow points: not held (p99 >= 50 ms, or drops)", 10, color="#666")
    levels = (fanout or {}).get("levels", [])
    if not levels:
        svg.text(x0 + 10, y0 + 30, "no results/fanout.json")
        return
    half = (w - 40) / 2
    for pi, (key, label, log) in enumerate((("deliveredPerSecond", "delivered events/s", True),
                                             ("serverCpuSecondsPerMillionDelivered",
                                              "server CPU s per million delivered", False))):
        px = x0 + pi * (half + 40)
        left, bottom = px + 60, y0 + h - 40
        pw, ph = half - 70, h - 80
        pts = [(r["sentPerSecond"], r[key], r["server"], r["clients"], r["held"]) for r in levels
               if r.get(key) is not None and r[key] == r[key] and r[key] > 0 and r["sentPerSecond"] > 0]
        if not pts:
            continue
        xmax_log = math.ceil(math.log10(max(p[0] for p in pts) * 1.1))
        xmin_log = math.floor(math.log10(min(p[0] for p in pts)))
        if log:
            ymax_log = math.ceil(math.log10(max(p[1] for p in pts) * 1.1))
            ymin_log = math.floor(math.log10(min(p[1] for p in pts)))
        ytop = max(p[1] for p in pts) * 1.15

        def X(v):
            return left + pw * (math.log10(v) - xmin_log) / max(xmax_log - xmin_log, 1)

        def Y(v):
            if log:
                return bottom - ph * (math.log10(max(v, 10 ** ymin_log)) - ymin_log) / max(ymax_log - ymin_log, 1)
            return bottom - ph * v / ytop

        if log:
            for e in range(ymin_log, ymax_log + 1):
                svg.line(left, Y(10 ** e), left + pw, Y(10 ** e), "#e5e5e5")
                svg.text(left - 6, Y(10 ** e) + 4, fmt(10 ** e), 10, "end")
        else:
            for i in range(6):
                v = ytop * i / 5
                svg.line(left, Y(v), left + pw, Y(v), "#e5e5e5")
                svg.text(left - 6, Y(v) + 4, f"{v:.1f}", 10, "end")
        for e in range(xmin_log, xmax_log + 1):
            svg.line(X(10 ** e), bottom, X(10 ** e), bottom + 4)
            svg.text(X(10 ** e), bottom + 16, fmt(10 ** e), 10, "middle")
        svg.text(left + pw / 2, bottom + 32, f"x: notifications/s fed (log); y: {label}{' (log)' if log else ''}",
                 10, "middle")
        row = 0
        for server in sorted({p[2] for p in pts}):
            for clients in sorted({p[3] for p in pts}):
                series = sorted((p[0], p[1], p[4]) for p in pts if p[2] == server and p[3] == clients)
                if not series:
                    continue
                color = COLORS.get(clients, "#333")
                dash = None if server.startswith("ours") else "5,4"
                svg.polyline([(X(a), Y(b)) for a, b, _ in series], color, 2, dash)
                for a, b, held in series:
                    if not held:
                        svg.add(f'<circle cx="{X(a):.1f}" cy="{Y(b):.1f}" r="4" fill="white" stroke="{color}"/>')
                svg.line(left + 10, y0 + 19 + row * 14, left + 34, y0 + 19 + row * 14, color, 2, dash)
                svg.text(left + 40, y0 + 23 + row * 14, f"{server}, {clients:,} clients", 10)
                row += 1


def fanout_table(out, fanout):
    levels = (fanout or {}).get("levels", [])
    if not levels:
        return
    m = fanout["meta"]
    out.append(f"SSE fan-out ({m['date']}, load average at start {m['loadAverageAtStart']}; nginx {m['nginx']}, "
               f"nchan {m['nchan']}; latency = publish → reader receive, {m['latencyReadersPerServer']} parsing "
               f"readers per server):\n")
    out.append("| server | clients | target/s | fed notif/s | published ev/s | delivered ev/s | p50 ms | p99 ms "
               "| p99.9 ms | server CPU s | CPU s / M delivered | publisher CPU s | RSS MiB | missing | held |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in levels:
        lat = r["pubToReceiveMs"]
        pub = "" if r.get("publisherCpuSeconds") is None else f"{r['publisherCpuSeconds']:.2f}"
        out.append(f"| {r['server']} | {r['clients']:,} | {r['targetRate']:,} | {fmt(r['sentPerSecond'])} | "
                   f"{fmt(r['publishedPerSecond'])} | {fmt(r['deliveredPerSecond'])} | {lat['p50']:.1f} | "
                   f"{lat['p99']:.1f} | {lat['p999']:.1f} | {r['serverCpuSeconds']:.2f} | "
                   f"{r['serverCpuSecondsPerMillionDelivered']:.2f} | {pub} | {r['serverRssKiB'] / 1024:.0f} | "
                   f"{r['missing']:,} | {'yes' if r['held'] else ''} |")
    out.append("")


MEMORY_BARS = [("daemon", "rssBeforeGcKiB", "daemon RSS (steady, before GC)", "#d62728"),
               ("daemon", "rssAfterGcKiB", "daemon RSS after a full GC", "#ff9896"),
               ("daemon", "heapUsedAfterGcKiB", "daemon heap used after GC", "#2ca02c"),
               ("simulator", "rssBeforeGcKiB", "simulator RSS (peer, own JVM)", "#7f7f7f")]


def panel_memory(svg, x0, y0, w, h, memory):
    """The daemon's RSS and heap by number of extensions (memory.py), log scale, with its peers."""
    svg.text(x0, y0 - 10, "Daemon memory by extensions on the simulator (separate processes, same run)", 14, weight="bold")
    rows = [r for r in (memory or {}).get("rows", []) if "daemon" in r]
    if not rows:
        svg.text(x0 + 10, y0 + 30, "no results/memory.json")
        return
    idle = memory.get("idleJvm", {}).get("rssAfterGcKiB")
    values = [r[side][key] for r in rows for side, key, _, _ in MEMORY_BARS if r[side].get(key)]
    ymin_log = math.floor(math.log10(min(values) / 1024))
    ymax_log = math.log10(max(values) / 1024 * 1.3)
    left, bottom = x0 + 60, y0 + h - 74
    pw, ph = w - 300, h - 90

    def Y(kib):
        return bottom - ph * (math.log10(max(kib / 1024, 10 ** ymin_log)) - ymin_log) / (ymax_log - ymin_log)

    for e in range(ymin_log, math.ceil(ymax_log) + 1):
        for m in (1, 2, 5):
            v = m * 10 ** e
            if ymin_log <= math.log10(v) <= ymax_log:
                svg.line(left, Y(v * 1024), left + pw, Y(v * 1024), "#e5e5e5")
                svg.text(left - 6, Y(v * 1024) + 4, f"{v:g} MiB", 10, "end")
    if idle:
        svg.line(left, Y(idle), left + pw, Y(idle), "#9467bd", 1, "4,3")
    group_w = pw / len(rows)
    bar_w = group_w * 0.8 / len(MEMORY_BARS)
    for gi, r in enumerate(rows):
        gx = left + gi * group_w + group_w * 0.1
        for bi, (side, key, _, color) in enumerate(MEMORY_BARS):
            v = r[side].get(key)
            if not v:
                continue
            svg.rect(gx + bi * bar_w, Y(v), bar_w - 3, bottom - Y(v), color)
            svg.text(gx + bi * bar_w + bar_w / 2 - 1, Y(v) - 3, f"{v / 1024:.0f}", 9, "middle")
        per = r.get("perExtension", {}).get("daemonHeapUsedAfterGcBytesPerExtension")
        svg.text(gx + group_w * 0.4, bottom + 16, f"{r['extensions']:,} extension{'s' if r['extensions'] > 1 else ''}",
                 11, "middle")
        svg.text(gx + group_w * 0.4, bottom + 30, f"loaded in {r['stateLoadedSeconds']:.0f} s", 10, "middle", color="#666")
        if per is not None:
            svg.text(gx + group_w * 0.4, bottom + 44, f"heap {per:.0f} B per extension", 10, "middle", color="#2ca02c")
        svg.text(gx + group_w * 0.4, bottom + 58, f"REST JSON {r['json']['restSnapshotBytesPerExtension']:.0f} B per "
                 "extension", 10, "middle", color="#666")
    lx = left + pw + 20
    for i, (_, _, label, color) in enumerate(MEMORY_BARS):
        svg.rect(lx, y0 + 10 + i * 18, 10, 10, color)
        svg.text(lx + 14, y0 + 19 + i * 18, label, 10)
    if idle:
        i = len(MEMORY_BARS)
        svg.line(lx, y0 + 15 + i * 18, lx + 10, y0 + 15 + i * 18, "#9467bd", 1, "4,3")
        svg.text(lx + 14, y0 + 19 + i * 18, f"bare JVM, same -Xmx: {idle / 1024:.0f} MiB", 10)
    svg.text(lx, y0 + 10 + (len(MEMORY_BARS) + 1) * 18 + 14, f"daemon -Xmx{memory['daemonHeap']}, G1; "
             f"simulator -Xmx{memory['simulatorHeap']}", 10, color="#666")
    svg.text(lx, y0 + 10 + (len(MEMORY_BARS) + 1) * 18 + 28, f"{memory['rate']:g} steps/s for {memory['trafficSeconds']} s "
             "after the load", 10, color="#666")
    svg.text(lx, y0 + 10 + (len(MEMORY_BARS) + 1) * 18 + 42, f"{memory['date'][:16]}Z, load avg {memory['loadAverageAtStart'].split()[0]}", 10,
             color="#666")


def memory_table(out, memory):
    rows = [r for r in (memory or {}).get("rows", []) if "daemon" in r]
    if not rows:
        return
    idle = memory.get("idleJvm", {})
    out.append(f"Daemon memory ({memory['date']}, load average {memory['loadAverageAtStart']} → "
               f"{memory.get('loadAverageAtEnd', '?')}; daemon `-Xmx{memory['daemonHeap']}`, simulator "
               f"`-Xmx{memory['simulatorHeap']}`, {memory['rate']:g} steps/s for {memory['trafficSeconds']} s after the "
               f"load; bare JVM: RSS {idle.get('rssAfterGcKiB', 0) / 1024:.1f} MiB, heap {idle.get('heapUsedAfterGcKiB', 0) / 1024:.1f} MiB):\n")
    out.append("| extensions | ready s | all loaded s | CPU until loaded s | RSS MiB | RSS after GC MiB | peak RSS MiB "
               "| heap after GC MiB | heap B/ext. | RSS after GC B/ext. | simulator RSS MiB | simulator heap MiB "
               "| REST JSON B/ext. | /api/state B/ext. |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        d, sim, per, js = r["daemon"], r["simulator"], r.get("perExtension", {}), r["json"]

        def b(key):
            v = per.get(key)
            return "–" if v is None else f"{v:,.0f}"

        out.append(f"| {r['extensions']:,} | {r['readySeconds']:.1f} | {r['stateLoadedSeconds']:.1f} | "
                   f"{r['cpuUntilLoadedSeconds']:.1f} | {d['rssBeforeGcKiB'] / 1024:.0f} | {d['rssAfterGcKiB'] / 1024:.0f} | "
                   f"{d['peakRssKiB'] / 1024:.0f} | {d['heapUsedAfterGcKiB'] / 1024:.1f} | "
                   f"{b('daemonHeapUsedAfterGcBytesPerExtension')} | {b('daemonRssAfterGcBytesPerExtension')} | "
                   f"{sim['rssBeforeGcKiB'] / 1024:.0f} | {sim['heapUsedAfterGcKiB'] / 1024:.1f} | "
                   f"{js['restSnapshotBytesPerExtension']:.0f} | {js['apiStateBytesPerExtension']:.0f} |")
    out.append("")


def startup_table(out, startup):
    if not startup or not startup.get("summary"):
        return
    out.append(f"Start-up ({startup['date']}, {startup['rounds']} rounds interleaved, load average "
               f"{startup['loadAverageAtStart']} → {startup.get('loadAverageAtEnd', '?')}; min–max):\n")
    out.append("| variant | exits / URL printed s | /health/ready s | CPU s (to exit / to ready) | first SSE event s |")
    out.append("|---|---|---|---|---|")

    def span(s, key):
        return "–" if key not in s else f"{s[key]['min']:.2f}–{s[key]['max']:.2f}"

    for variant, s in startup["summary"].items():
        if "readySeconds" in s:
            out.append(f"| `{variant}` | {span(s, 'urlPrintedSeconds')} | {span(s, 'readySeconds')} | "
                       f"{span(s, 'cpuUntilReadySeconds')} | {span(s, 'firstEventSeconds')} |")
        else:
            out.append(f"| `{variant}` | {span(s, 'wallSeconds')} | – | {span(s, 'cpuSeconds')} | – |")
    out.append("")


def main():
    machine, corpus = load("machine.json"), load("corpus.json")
    table = jmh_table(load("jmh.json"))
    heap, e2e, stall = load("heap.json"), load("e2e.json"), load("stall.json")
    pipeline, ratio = load("e2e-pipeline.json"), load("ratio.json")
    fanout = load("fanout.json")
    memory, startup = load("memory.json"), load("startup.json")
    svg = Svg(1000, 1000 + (400 if fanout else 0) + (420 if memory else 0))
    panel_jmh(svg, 20, 40, 960, 340, table, ratio)
    panel_e2e(svg, 20, 430, 600, 520, e2e, pipeline)
    panel_heap(svg, 650, 430, 330, 520, heap)
    if fanout:
        panel_fanout(svg, 20, 1010, 960, 360, fanout)
    if memory:
        panel_memory(svg, 20, 1010 + (400 if fanout else 0) + 20, 960, 380, memory)
    if machine:
        svg.text(20, svg.h - 10, f"{machine['nproc']} cores, {machine['java']}, {machine['date']} "
                          f"(shared, noisy machine: compare ratios within one run)", 10, color="#666")
    with open(os.path.join(RESULTS, "chart.svg"), "w") as f:
        f.write(svg.render())
    with open(os.path.join(RESULTS, "summary.md"), "w") as f:
        f.write(summary(machine, corpus, table, heap, e2e, stall, pipeline, ratio))
        fanout_rows = []
        fanout_table(fanout_rows, fanout)
        memory_table(fanout_rows, memory)
        startup_table(fanout_rows, startup)
        f.write("\n".join(fanout_rows) + ("\n" if fanout_rows else ""))
    print("wrote", os.path.join(RESULTS, "chart.svg"), "and summary.md")


if __name__ == "__main__":
    main()
