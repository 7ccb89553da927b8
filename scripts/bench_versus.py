#!/usr/bin/env python3
"""scripts/bench_versus.py OLD NEW: whole `oaskit` processes of two builds, measured in one run.

For a refactoring that must not make anything slower: every command (check, export to 2.0 and
3.1, Postman, generate rust/typescript/python, validate a HAR capture) on the largest real
definitions, run by OLD and NEW alternately (5 rounds each, after one warm-up), median wall
time and peak RSS of each, and the ratio NEW/OLD. Both binaries must accept the same flags
(the ones used here exist in every release since the CLI's first version).

  cargo build --release -p oaskit-cli          # NEW: target/release/oaskit
  git worktree add ../baseline <commit> && (cd ../baseline && cargo build --release -p oaskit-cli)
  scripts/bench_versus.py ../baseline/target/release/oaskit target/release/oaskit
"""
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("OASKIT_SHARED") or os.path.join(ROOT, "..", "shared")
REAL = os.path.join(SHARED, "specs", "real")
SPECS = os.environ.get("OASKIT_BENCH_SPECS", "github-api.json,stripe-spec3.json,k8s-1.13-swagger.json,openai-openapi.yaml").split(",")
ROUNDS = 5


def run(cmd):
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(cmd[0], cmd)
    _, _, usage = os.wait4(pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def har_for(spec_path, out):
    """A capture of GET requests to every path without variables, from the definition itself."""
    with open(spec_path) as f:
        text = f.read()
    if spec_path.endswith(".json"):
        doc = json.loads(text)
        paths = [p for p in doc.get("paths", {}) if "{" not in p][:200]
    else:
        paths = [l.strip()[:-1] for l in text.splitlines() if l.startswith("  /") and l.rstrip().endswith(":") and "{" not in l][:200]
    entries = [{"request": {"method": "GET", "url": "https://example.com" + p, "headers": []},
                "response": {"status": 200, "headers": [], "content": {"text": ""}}} for p in paths]
    with open(out, "w") as f:
        json.dump({"log": {"version": "1.2", "entries": entries}}, f)


def commands(spec, tmp):
    s = os.path.join(REAL, spec)
    har = os.path.join(tmp, spec + ".har")
    har_for(s, har)
    yield "check", ["check", s, "--format", "json"]
    yield "export 2.0", ["export", s, "--to", "swagger-2.0", "-o", os.path.join(tmp, "o20.json")]
    yield "export 3.1", ["export", s, "--to", "openapi-3.1", "-o", os.path.join(tmp, "o31.json")]
    yield "postman", ["export", s, "--to", "postman-2.1", "-o", os.path.join(tmp, "pm.json")]
    for lang in ["rust", "typescript", "python"]:
        extra = ["--no-format"] if lang == "rust" else []
        yield f"gen {lang}", ["generate", lang, s, "-o", os.path.join(tmp, "sdk-" + lang), "--force"] + extra
    yield "validate har", ["validate", "har", s, har, "--force"]


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    old, new = (os.path.abspath(p) for p in sys.argv[1:])
    tmp = tempfile.mkdtemp(prefix="oaskit-versus-")
    print(f"{'spec':<24} {'command':<14} {'old ms':>8} {'new ms':>8} {'new/old':>8} {'old MiB':>8} {'new MiB':>8}")
    ratios = []
    try:
        for spec in SPECS:
            for name, args in commands(spec, tmp):
                res = {old: [], new: []}
                rss = {old: 0.0, new: 0.0}
                for binary in (old, new):
                    run([binary] + args)  # warm-up (page cache)
                for _ in range(ROUNDS):
                    for binary in (old, new):
                        for d in ("sdk-rust", "sdk-typescript", "sdk-python"):
                            shutil.rmtree(os.path.join(tmp, d), ignore_errors=True)
                        t, m = run([binary] + args)
                        res[binary].append(t)
                        rss[binary] = max(rss[binary], m)
                o, n = statistics.median(res[old]), statistics.median(res[new])
                ratios.append(n / o)
                print(f"{spec:<24} {name:<14} {o*1e3:>8.0f} {n*1e3:>8.0f} {n/o:>7.2f}x {rss[old]:>8.0f} {rss[new]:>8.0f}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    geo = statistics.geometric_mean(ratios)
    print(f"geometric mean new/old over {len(ratios)} runs: {geo:.3f}x")


if __name__ == "__main__":
    main()
