"""Generation time on the largest real specs: `oaskit generate LANG` beside openapi-generator
(the PyPI package `openapi-generator-cli`, which runs its bundled jar on the machine's Java),
measured in the same run on the same files.

oaskit runs with --force (GitHub's spec has two path-ambiguous errors; openapi-generator runs with
--skip-validate-spec), 5 times per spec and language, openapi-generator 2 times (it takes tens of seconds);
the median wall time of the whole process and the largest peak RSS are shown, with the ratio.
Usage: python3 scripts/bench_codegen.py OPENAPI_GENERATOR_CLI [LANG ...]
"""
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The shared corpus: OASKIT_SHARED, else ../shared (the same default as oaskit_testkit::shared_dir).
SHARED = os.environ.get("OASKIT_SHARED") or os.path.join(ROOT, "..", "shared")
SPECS = os.path.join(SHARED, "specs", "real")
OASKIT = os.path.join(ROOT, "target", "release", "oaskit")
# Row label -> (oaskit generate arguments, the openapi-generator generator for the language).
# `rust` is the generation alone (--no-rustfmt); `rust+rustfmt` adds the CLI's default rustfmt
# pass, measured for oaskit only.
LANGS = {
    "rust": (["rust", "--no-rustfmt"], "rust"),
    "rust+rustfmt": (["rust"], None),
    "typescript": (["typescript"], "typescript-fetch"),
    "python": (["python"], "python"),
    "go": (["go"], "go"),
    "java": (["java"], "java"),
}


def run(cmd, times_wanted, out_dir):
    times, peak = [], 0
    for _ in range(times_wanted):
        shutil.rmtree(out_dir, ignore_errors=True)
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
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            return None, peak / 1024
    return statistics.median(times), peak / 1024


def main():
    peer_cli = sys.argv[1]
    langs = sys.argv[2:] or list(LANGS)
    tmp = tempfile.mkdtemp(prefix="oaskit-bench-")
    print(f"{'spec':<24} {'lang':<13} {'oaskit':>9} {'RSS MiB':>8} {'openapi-generator':>18} {'RSS MiB':>8} {'ratio':>7}")
    for name in ["github-api.json", "stripe-spec3.json", "k8s-1.13-swagger.json"]:
        path = os.path.join(SPECS, name)
        for lang in langs:
            out = os.path.join(tmp, "out")
            args, peer_gen = LANGS[lang]
            ours, ours_rss = run([OASKIT, "generate", args[0], path, "-o", out, "--force", *args[1:]], 5, out)
            peer, peer_rss = (None, 0.0)
            if peer_gen is not None:
                peer, peer_rss = run(
                    [peer_cli, "generate", "-g", peer_gen, "-i", path, "-o", out,
                     "--skip-validate-spec"], 2, out)
            fmt = lambda t: "-" if t is None else f"{t * 1e3:.0f} ms"
            ratio = f"{peer / ours:.0f}x" if ours and peer else "-"
            print(f"{name:<24} {lang:<13} {fmt(ours):>9} {ours_rss:>8.0f} {fmt(peer):>18} {peer_rss:>8.0f} {ratio:>7}", flush=True)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
