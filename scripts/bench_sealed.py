#!/usr/bin/env python3
"""Benchmark of sealed batches (issue 17, point 6): what sealing adds to `export --all`, and
what reading a sealed file adds to `verify` and `merge`, against the same batch as a plain
folder, on N demo hearings.

    python3 scripts/bench_sealed.py [--hearings 100000] [--work DIR] [--rounds 2]
                                    [--src DB --src-passphrase P] [--no-build]

Sealed batches are sealed to a lead's age recipient in the monitor's roster (as in use), and
the lead's database trusts the monitor's signing key. Each round runs, alternately, the plain
and the sealed form of each step; the fastest of each is compared (this machine's speed
drifts over minutes). Wall clock, CPU time (user + system: steadier than wall clock on a
shared machine) and peak memory (max RSS), from GNU time, of the release build. The work
folder keeps the generated monitor database between runs; `--src` copies an existing demo
database there instead (opened with `--src-passphrase`).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

PASS = "bench"


def timed(cmd, **kw):
    """Runs a command under GNU time; returns (wall seconds, CPU seconds (user + system),
    max RSS in KiB, stdout)."""
    with tempfile.NamedTemporaryFile("r") as f:
        start = time.perf_counter()
        out = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", f.name] + cmd,
                             check=True, stdout=subprocess.PIPE, text=True, **kw)
        took = time.perf_counter() - start
        kib, user, system = f.read().strip().splitlines()[-1].split()
        return took, float(user) + float(system), int(kib), out.stdout.strip()


def warm(*paths):
    """Syncs, then reads the files (or every file of folders) so runs start from the cache."""
    os.sync()
    for p in paths:
        files = [os.path.join(p, f) for f in os.listdir(p)] if os.path.isdir(p) else [p]
        for f in files:
            if os.path.isfile(f):
                with open(f, "rb") as fh:
                    while fh.read(1 << 24):
                        pass


def fresh_lead(template):
    for f in os.listdir("."):
        if f.startswith("lead.db"):
            os.remove(f)
    for f in os.listdir(template):
        shutil.copy(os.path.join(template, f), f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hearings", type=int, default=100_000)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "courtwatch-bench-sealed"))
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--no-build", action="store_true", help="use the release build as it is")
    ap.add_argument("--src", help="an existing demo database to copy as the monitor's")
    ap.add_argument("--src-passphrase", default=PASS, help="the passphrase of --src")
    ap.add_argument("--exe", help="the courtwatch binary [default: this tree's release build]")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    if not a.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
    exe = os.path.abspath(a.exe) if a.exe else os.path.join(root, "target", "release", "courtwatch")
    env = dict(os.environ, COURTWATCH_PASSPHRASE=PASS)
    env.pop("COURTWATCH_BATCH_PASSPHRASE", None)
    src_env = dict(env, COURTWATCH_PASSPHRASE=a.src_passphrase)
    os.makedirs(a.work, exist_ok=True)
    os.chdir(a.work)
    src = f"src-{a.hearings}.db"
    if a.src and not os.path.exists(src):
        shutil.copy(a.src, src)

    def cw(db, *args, **kw):
        e = src_env if db == src else env
        return subprocess.run([exe, "--db", db] + list(args), env=e, check=True,
                              stdout=subprocess.PIPE, text=True, **kw).stdout

    if not os.path.exists(src):
        cw(src, "init", "--code", "M07", "--name", "Bench")
        start = time.perf_counter()
        cw(src, "demo", "--hearings", str(a.hearings), "--seed", "1")
        print(f"demo: {time.perf_counter() - start:.1f} s", file=sys.stderr)
    # The lead: an empty database with its age identity and the monitor's key in the roster,
    # kept as a template; the monitor seals to the lead's recipient.
    shutil.rmtree("lead-template", ignore_errors=True)
    os.makedirs("lead-template")
    lead = os.path.join("lead-template", "lead.db")
    cw(lead, "init", "--code", "L01", "--name", "Lead")
    with open("lead.keys", "w") as fh:
        fh.write(cw(lead, "keys", "show", "--recipient"))
    with open("monitor.keys", "w") as fh:
        fh.write(cw(src, "keys", "show"))
    cw(lead, "keys", "add", "monitor.keys", "--yes")
    if "recipient" not in cw(src, "keys", "list"):
        cw(src, "keys", "add", "lead.keys", "--yes")

    results = {k: [] for k in ["export plain", "export sealed", "verify plain", "verify sealed",
                               "merge plain", "merge sealed"]}
    rss = {k: 0 for k in results}
    cpu = {k: [] for k in results}

    def record(what, took, secs, kib):
        results[what].append(took)
        cpu[what].append(secs)
        rss[what] = max(rss[what], kib)
        print(f"{what}: {took:.1f} s wall, {secs:.1f} s CPU, {kib / 1024:.0f} MB",
              file=sys.stderr, flush=True)

    plain = sealed = None
    for _ in range(a.rounds):
        for form in ["plain", "sealed"]:
            out = f"out-{form}"
            shutil.rmtree(out, ignore_errors=True)
            os.makedirs(out)
            warm(src)
            extra = ["--plaintext"] if form == "plain" else []
            took, secs, kib, path = timed(
                [exe, "--db", src, "export", "--all", "--out", out] + extra, env=src_env)
            record(f"export {form}", took, secs, kib)
            if form == "plain":
                plain = path
            else:
                sealed = path
        for form, batch in [("plain", plain), ("sealed", sealed)]:
            fresh_lead("lead-template")
            warm(batch, "lead.db")
            took, secs, kib, _ = timed([exe, "--db", "lead.db", "verify", batch], env=env)
            record(f"verify {form}", took, secs, kib)
            warm(batch, "lead.db")
            took, secs, kib, _ = timed([exe, "--db", "lead.db", "merge", batch], env=env)
            record(f"merge {form}", took, secs, kib)

    size_plain = sum(os.path.getsize(os.path.join(plain, f)) for f in os.listdir(plain))
    size_sealed = os.path.getsize(sealed)
    print(f"{a.hearings} demo hearings; plain folder {size_plain / 1e6:.0f} MB, sealed file "
          f"{size_sealed / 1e6:.0f} MB; fastest of {a.rounds}")
    print("| step | plain: wall, CPU, peak | sealed: wall, CPU, peak | ratio wall | ratio CPU |")
    print("|---|---|---|---|---|")
    for step in ["export", "verify", "merge"]:
        p, s = min(results[f"{step} plain"]), min(results[f"{step} sealed"])
        pc, sc = min(cpu[f"{step} plain"]), min(cpu[f"{step} sealed"])
        print(f"| {step} | {p:.1f} s, {pc:.1f} s, {rss[f'{step} plain'] / 1024:.0f} MB "
              f"| {s:.1f} s, {sc:.1f} s, {rss[f'{step} sealed'] / 1024:.0f} MB "
              f"| {s / p:.2f} | {sc / pc:.2f} |")
    for k, v in results.items():
        print(f"{k}: wall {', '.join(f'{t:.1f}' for t in v)} s; "
              f"CPU {', '.join(f'{t:.1f}' for t in cpu[k])} s")


if __name__ == "__main__":
    main()
