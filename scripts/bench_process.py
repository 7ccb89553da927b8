"""Whole-process timing and peak memory: `oaskit check` beside CPython's json.load of the same file.

Each command runs 7 times; the median wall time and the largest peak RSS are shown.
"""
import os
import resource
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The shared corpus: OASKIT_SHARED, else ../shared (the same default as oaskit_testkit::shared_dir).
SHARED = os.environ.get("OASKIT_SHARED") or os.path.join(ROOT, "..", "shared")
SPECS = os.path.join(SHARED, "specs", "real")
OASKIT = os.path.join(ROOT, "target", "release", "oaskit")


def run(cmd):
    times, peak = [], 0
    for _ in range(7):
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execvp(cmd[0], cmd)
        _, status, usage = os.wait4(pid, 0)
        times.append(time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss)
    return statistics.median(times), peak / 1024


def main():
    print(f"{'spec':<26} {'MiB':>6} {'oaskit check':>13} {'RSS MiB':>8} {'python json.load':>17} {'RSS MiB':>8} {'ratio':>6}")
    for name in ["github-api.json", "stripe-spec3.json", "k8s-1.13-swagger.json"]:
        path = os.path.join(SPECS, name)
        size = os.path.getsize(path) / 2**20
        ours, ours_rss = run([OASKIT, "check", path, "--format", "json"])
        py, py_rss = run([sys.executable, "-c", f"import json; json.load(open({path!r}))"])
        print(f"{name:<26} {size:>6.1f} {ours*1e3:>10.0f} ms {ours_rss:>8.0f} {py*1e3:>14.0f} ms {py_rss:>8.0f} {ours/py:>5.2f}x")


if __name__ == "__main__":
    main()
