#!/usr/bin/env python3
"""Benchmark of batches (issue 4): export and merge N demo hearings with courtwatch, and compare
with the sqlite3 shell dumping and importing the same rows as CSV from a plaintext copy.

    python3 scripts/bench_exchange.py [--hearings 100000] [--work DIR] [--rounds 3]

What is timed (wall clock, release build; export and dump once, merge and import `--rounds`
times, alternately, comparing the fastest of each):
  export    courtwatch export --all (every final hearing with all its rows) from the encrypted
            database, including checksums, codebook, datapackage and manifest;
  dump      sqlite3 writing the same rows and columns (fields pulled out of the JSON `data`
            with json_extract) as one CSV per table, from a plaintext copy of the database;
  merge     courtwatch merge of that batch into an empty encrypted database: full
            verification, version-chain plan, writes, search index, one transaction;
  import    sqlite3 importing the CSV files of the dump (.import) and inserting them into the
            same schema (fields packed back into JSON, and the columns the list's indexes
            read filled from them, as the store does), one transaction, no search index.
Peak memory (max RSS) is reported for the courtwatch runs. Every input is read once before
its timed run, so both sides start from the page cache.

Needs: cargo, sqlite3, and Python's sqlcipher3 (for the plaintext copy: pip install
sqlcipher3==0.6.4). The work folder keeps the generated database between runs.
"""

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

PASS = "bench"
TABLES = ["hearings", "cases", "parties", "hearing_parties", "charges", "checklist_answers",
          "allegations", "followups", "timeline", "consents", "audit"]
# Columns of each batch file that are columns of the table too; the rest are fields in `data`.
KEYS = {
    "hearings": ["uuid", "case_uuid", "monitor_uuid", "status", "version", "content_hash",
                 "parent_hash", "ancestors", "form_versions", "created_at", "updated_at"],
    "cases": ["uuid"],
    "parties": ["uuid", "case_uuid"],
    "hearing_parties": ["uuid", "hearing_uuid", "party_uuid"],
    "charges": ["uuid", "party_uuid"],
    "checklist_answers": ["uuid", "hearing_uuid", "item_code", "party_uuid", "answer", "comment"],
    "allegations": ["uuid", "hearing_uuid", "party_uuid"],
    "followups": ["uuid", "allegation_uuid"],
    "timeline": ["uuid", "hearing_uuid", "at", "code", "note"],
    "consents": ["uuid", "party_uuid"],
    "audit": ["uuid", "hearing_uuid", "version", "entity", "record_uuid", "field", "old_value",
              "new_value", "reason", "monitor_uuid", "at"],
}
# Columns the store fills from a row's fields for the list's and filters' indexes (migrations
# 0005 and later); the import fills them too, so that both sides build the same indexes.
# (hearings.case_number follows from cases.case_number by the schema's own trigger.)
DERIVED = {
    "hearings": {"hearing_date": "hearing_date", "court": "court", "judge": "judge_name"},
    "cases": {"case_number": "court_case_number"},
    "charges": {"article": "article"},
}
FINAL = "(SELECT uuid FROM hearings WHERE status <> 'draft')"
CASES = "(SELECT case_uuid FROM hearings WHERE status <> 'draft')"
PARTIES = f"(SELECT uuid FROM parties WHERE case_uuid IN {CASES})"
WHERE = {
    "hearings": "status <> 'draft'",
    "cases": f"uuid IN {CASES}",
    "parties": f"case_uuid IN {CASES}",
    "hearing_parties": f"hearing_uuid IN {FINAL}",
    "charges": f"party_uuid IN {PARTIES}",
    "checklist_answers": f"hearing_uuid IN {FINAL}",
    "allegations": f"hearing_uuid IN {FINAL}",
    "followups": f"allegation_uuid IN (SELECT uuid FROM allegations WHERE hearing_uuid IN {FINAL})",
    "timeline": f"hearing_uuid IN {FINAL}",
    "consents": f"party_uuid IN {PARTIES}",
    "audit": f"hearing_uuid IN {FINAL}",
}


def run(cmd, **kw):
    """Runs a command; returns (seconds, max RSS of the children in KiB so far)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, **kw)
    return time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def timed_child(cmd, **kw):
    """Runs a command under GNU time; returns (seconds, max RSS in KiB)."""
    with tempfile.NamedTemporaryFile("r") as f:
        start = time.perf_counter()
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", f.name] + cmd, check=True, **kw)
        took = time.perf_counter() - start
        return took, int(f.read().strip().splitlines()[-1])


def warm(*paths):
    """Writes out what earlier steps left in memory, then reads files (or every file of
    folders), so each timed run starts from the page cache and a quiet disk: this machine
    evicts idle file pages, which would otherwise time the disk, and a run that syncs while
    gigabytes of an earlier step are still being written waits for them (merge took 50 s
    instead of 36 s right after the plaintext copy and the dump)."""
    os.sync()
    for p in paths:
        files = [os.path.join(p, f) for f in os.listdir(p)] if os.path.isdir(p) else [p]
        for f in files:
            if os.path.isfile(f):
                with open(f, "rb") as fh:
                    while fh.read(1 << 24):
                        pass


def header(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return next(csv.reader(fh))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hearings", type=int, default=100_000)
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "courtwatch-bench"))
    ap.add_argument("--rounds", type=int, default=3,
                    help="merge and import are timed this many times, alternately, and the "
                         "fastest of each is compared: this machine's speed drifts by a third "
                         "over minutes")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
    exe = os.path.join(root, "target", "release", "courtwatch")
    env = dict(os.environ, COURTWATCH_PASSPHRASE=PASS)
    os.makedirs(a.work, exist_ok=True)
    os.chdir(a.work)
    src = f"src-{a.hearings}.db"
    if not os.path.exists(src):
        # Demo hearings (seed 1, one monitor), written as `courtwatch demo` writes them.
        subprocess.run([exe, "--db", src, "init", "--code", "M07", "--name", "Bench"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        took, _ = run([exe, "--db", src, "demo", "--hearings", str(a.hearings), "--seed", "1"],
                      env=env, stdout=subprocess.DEVNULL)
        print(f"demo: {took:.1f} s", file=sys.stderr)
    for d in ["out", "dump"]:
        shutil.rmtree(d, ignore_errors=True)
    for f in ["lead.db", "lead.db-wal", "lead.db-shm", "plain.db", "imp.db"]:
        if os.path.exists(f):
            os.remove(f)

    warm(src)
    t_export, m_export = timed_child([exe, "--db", src, "export", "--all", "--plaintext", "--out", "out"],
                                     env=env, stdout=subprocess.DEVNULL)
    print(f"export: {t_export:.1f} s", file=sys.stderr)
    batch = os.path.join("out", sorted(os.listdir("out"))[-1])
    size = sum(os.path.getsize(os.path.join(batch, f)) for f in os.listdir(batch))
    rows = 0
    for t in TABLES:
        with open(os.path.join(batch, t + ".csv"), "rb") as fh:
            rows += sum(1 for _ in fh) - 1

    # The plaintext copy the sqlite3 shell works on (not timed).
    import sqlcipher3
    con = sqlcipher3.connect(src)
    con.execute(f"PRAGMA key = '{PASS}'")
    con.execute("ATTACH DATABASE 'plain.db' AS plain KEY ''")
    con.execute("SELECT sqlcipher_export('plain')")
    con.execute("DETACH DATABASE plain")
    con.close()

    os.makedirs("dump")
    script = [".headers on", ".mode csv"]
    for t in TABLES:
        cols = header(os.path.join(batch, t + ".csv"))
        sel = [c if c in KEYS[t] else f"json_extract(data, '$.{c}') AS {c}" for c in cols]
        script.append(f".once dump/{t}.csv")
        script.append(f"SELECT {', '.join(sel)} FROM {t} WHERE {WHERE[t]};")
    warm("plain.db")
    t_dump, _ = run(["sqlite3", "plain.db"], input="\n".join(script) + "\n", text=True)
    print(f"dump: {t_dump:.1f} s", file=sys.stderr)

    schema = subprocess.run(
        ["sqlite3", "plain.db",
         "SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL "
         "AND name NOT GLOB 'hearing_search*' AND name NOT GLOB 'sqlite_*'"],
        check=True, capture_output=True, text=True).stdout
    imp = ["BEGIN;"]
    for t in TABLES:
        if os.path.getsize(os.path.join("dump", t + ".csv")) == 0:
            continue  # no rows: sqlite3 writes not even a header
        cols = header(os.path.join("dump", t + ".csv"))
        imp.append(f".import --csv dump/{t}.csv stage_{t}")
        keys = [c for c in cols if c in KEYS[t]]
        fields = [c for c in cols if c not in KEYS[t]]
        target = list(keys)
        values = [f'"{k}"' for k in keys]
        if fields:
            target.append("data")
            values.append("json_object(" + ", ".join(f"'{f}', \"{f}\"" for f in fields) + ")")
        for column, field in DERIVED.get(t, {}).items():
            if field in cols:
                target.append(column)
                values.append(f"nullif(\"{field}\", '')")
        for stamp in ["created_at", "updated_at"]:
            if t not in ("audit", "hearings", "checklist_answers") and stamp not in target:
                target.append(stamp)
                values.append("''")
        imp.append(f"INSERT INTO {t} ({', '.join(target)}) SELECT {', '.join(values)} FROM stage_{t};")
        imp.append(f"DROP TABLE stage_{t};")
    imp.append("COMMIT;")
    merges, imports, m_merge = [], [], 0
    for _ in range(a.rounds):
        for f in ["lead.db", "lead.db-wal", "lead.db-shm", "lead.db-journal", "imp.db"]:
            if os.path.exists(f):
                os.remove(f)
        subprocess.run([exe, "--db", "lead.db", "init", "--code", "L01", "--name", "Lead"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        warm(batch, "lead.db")
        took, rss = timed_child([exe, "--db", "lead.db", "merge", batch], env=env,
                                stdout=subprocess.DEVNULL)
        merges.append(took)
        m_merge = max(m_merge, rss)
        print(f"merge: {took:.1f} s", file=sys.stderr)
        subprocess.run(["sqlite3", "imp.db"], input=schema, text=True, check=True)
        warm("dump", "imp.db")
        took, _ = run(["sqlite3", "imp.db"], input="\n".join(imp) + "\n", text=True)
        imports.append(took)
        print(f"import: {took:.1f} s", file=sys.stderr)
    t_merge, t_import = min(merges), min(imports)

    print(f"{a.hearings} demo hearings: batch of {rows} data rows, {size / 1e6:.0f} MB")
    print("| what | courtwatch | sqlite3 shell | ratio |")
    print("|---|---|---|---|")
    print(f"| export ({rows} rows) vs CSV dump | {t_export:.1f} s, {m_export / 1024:.0f} MB max RSS "
          f"| {t_dump:.1f} s | {t_export / t_dump:.2f} |")
    print(f"| merge into an empty database vs CSV import (fastest of {a.rounds}) "
          f"| {t_merge:.1f} s, {m_merge / 1024:.0f} MB max RSS | {t_import:.1f} s "
          f"| {t_merge / t_import:.2f} |")
    print(f"merge runs: {', '.join(f'{t:.1f}' for t in merges)} s; "
          f"import runs: {', '.join(f'{t:.1f}' for t in imports)} s")


if __name__ == "__main__":
    main()
