#!/usr/bin/env python3
"""`replay` against RingCentral's JavaScript logic, whole processes, in one run.

    python3 benchmarks/replay_vs_js.py CORPUS RESULT.json [ROUNDS] [-- OURS...]

OURS is the command that starts presence-stream (default: target/presence-stream, the launcher with its
class-data-sharing archive). Each round runs, in an order that rotates from round to round so that no
side always runs first after a pause:

  ours  : OURS replay --input CORPUS --emit state --no-progress > /dev/null   (and --emit events)
  js    : node benchmarks/node/replay-reference.js --input CORPUS [--emit state] > /dev/null

Each process is timed whole: wall clock from fork to exit, and its CPU time (user + sys, from the
kernel's rusage of the waited-for child, every thread). The machine is shared, so the ratios that count
are those of medians taken in the same run; CPU time per notification is reported as well, since a
loaded machine stretches wall time but hardly CPU time.
"""
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)


def timed(command, stdout=subprocess.DEVNULL):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (done.returncode, " ".join(command), done.stderr.decode(errors="replace")))
    user = after.ru_utime - before.ru_utime
    system = after.ru_stime - before.ru_stime
    return {"wall": wall, "user": user, "sys": system, "cpu": user + system,
            "maxRssKiB": after.ru_maxrss, "stderr": done.stderr.decode(errors="replace").strip()[-300:]}


def main():
    argv = sys.argv[1:]
    ours = [os.path.join(root, "target", "presence-stream")]
    if "--" in argv:
        ours = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    corpus, result = argv[0], argv[1]
    rounds = int(argv[2]) if len(argv) > 2 else 5
    with open(corpus, "rb") as f:
        notifications = sum(1 for line in f if line.strip())
    node = os.path.join(here, "node", "replay-reference.js")
    sides = {
        "ours-state": ours + ["replay", "--input", corpus, "--emit", "state", "--no-progress"],
        "ours-events": ours + ["replay", "--input", corpus, "--emit", "events", "--no-progress"],
        "js-logic": ["node", node, "--input", corpus],
        "js-state": ["node", node, "--input", corpus, "--emit", "state"],
    }
    names = list(sides)
    # one unrecorded run of each: page cache, the launcher's archive, node's compile cache
    for name in names:
        timed(sides[name])
    runs = {name: [] for name in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        for name in order:
            run = timed(sides[name])
            runs[name].append(run)
            print("round %d %-12s wall %6.2f s  cpu %6.2f s (user %.2f sys %.2f)" % (
                r + 1, name, run["wall"], run["cpu"], run["user"], run["sys"]), flush=True)

    def median(name, key):
        return statistics.median(run[key] for run in runs[name])

    summary = {}
    for name in names:
        summary[name] = {
            "wallMedian": median(name, "wall"), "cpuMedian": median(name, "cpu"),
            "wallMin": min(run["wall"] for run in runs[name]), "cpuMin": min(run["cpu"] for run in runs[name]),
            "cpuMicrosPerNotification": median(name, "cpu") * 1e6 / notifications,
        }
    ratios = {}
    for js in ("js-logic", "js-state"):
        for mine in ("ours-state", "ours-events"):
            ratios["%s / %s" % (js, mine)] = {
                "wall": summary[js]["wallMedian"] / summary[mine]["wallMedian"],
                "cpu": summary[js]["cpuMedian"] / summary[mine]["cpuMedian"],
            }
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"nproc": os.cpu_count(), "platform": platform.platform(),
                    "loadAverageAtEnd": open("/proc/loadavg").read().split()[:3]},
        "corpus": {"path": corpus, "notifications": notifications, "bytes": os.path.getsize(corpus)},
        "commands": {name: " ".join(c) for name, c in sides.items()},
        "rounds": rounds, "summary": summary, "ratios": ratios, "runs": runs,
    }
    with open(result, "w") as f:
        json.dump(report, f, indent=1)
    print()
    for name in names:
        s = summary[name]
        print("%-12s median wall %6.2f s, cpu %6.2f s, %5.1f us cpu/notification" % (
            name, s["wallMedian"], s["cpuMedian"], s["cpuMicrosPerNotification"]))
    for k, v in ratios.items():
        print("%-28s wall x%.2f  cpu x%.2f" % (k, v["wall"], v["cpu"]))


if __name__ == "__main__":
    main()
