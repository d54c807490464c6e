#!/usr/bin/python3
"""Checks and reports koe's benchmark (called by bench/run.sh; standard library only).

    report.py check RUN_DIR             compare every peer's NPS per group with nps -o csv
    report.py report RUN_DIR RESULTS    write RESULTS/REPORT.md and RESULTS/summary.json

RUN_DIR is bench/out/run as run.sh leaves it: commands.tsv (job, key, label, speed,
command), failed.tsv, output/JOB-KEY.csv (each command's output of its one untimed run),
rss/JOB-KEY (peak RSS in kB from /usr/bin/time -f %M), callgrind.out and meta.txt.
RESULTS holds hyperfine's JSON (hyperfine-*.json).
"""
import csv
import datetime
import json
import os
import platform
import re
import sys

from machine import cpu_model, memory_gib, run_text

BASELINES = ("cat", "wc")
JOB_TITLES = {"csv": "CSV", "quoted": "CSV, comments quoted", "ndjson": "NDJSON",
              "groups": "Many groups"}
PLAN_JOBS = ("csv", "quoted", "ndjson")  # nps --by plan; "groups" is nps --by id
FIELDS = ("n", "promoters", "passives", "detractors")


def read_commands(run_dir):
    commands = []
    with open(os.path.join(run_dir, "commands.tsv"), encoding="utf-8") as f:
        for line in f:
            job, key, label, speed, command = line.rstrip("\n").split("\t")
            commands.append({"job": job, "key": key, "label": label, "speed": speed,
                             "command": command})
    return commands


def read_failed(run_dir):
    path = os.path.join(run_dir, "failed.tsv")
    if not os.path.exists(path):
        return set()
    with open(path, encoding="utf-8") as f:
        return {tuple(line.rstrip("\n").split("\t")) for line in f if line.strip()}


def read_group_csv(path):
    """(column, groups, without_answers) from a CSV with a header row whose first column
    is the group: groups maps each group's text to {n, promoters, passives, detractors, nps}.

    Works for nps -o csv (its overall row, with an empty group, is left out; a group
    without a valid answer has n = 0 and no NPS: counted in without_answers, not listed)
    and for the peers' GROUP,n,promoters,passives,detractors,nps (quoted fields allowed)."""
    groups = {}
    without_answers = 0
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if not header:
            return None, groups, 0
        col = [header.index(name) for name in FIELDS + ("nps",)]
        for cells in reader:
            if not cells or cells[0] == "":
                continue  # nps's overall row
            if cells[col[-1]] == "" and float(cells[col[0]]) == 0:
                without_answers += 1
                continue
            groups[cells[0]] = dict(zip(FIELDS + ("nps",), (float(cells[i]) for i in col)))
    return header[0], groups, without_answers


# Jobs with more groups than this keep only counts in check.json, not every group's row.
LISTED_GROUPS = 50
# Problems written out per peer; the rest are counted.
SHOWN_PROBLEMS = 8


def check(run_dir):
    commands = read_commands(run_dir)
    failed = read_failed(run_dir)
    result = {}
    lines = []
    for job in dict.fromkeys(c["job"] for c in commands):
        reference_path = os.path.join(run_dir, "output", f"{job}-nps.csv")
        if (job, "nps") in failed or not os.path.exists(reference_path):
            lines.append(f"{job}: nps failed, nothing to compare with")
            result[job] = {"reference": None, "peers": {}}
            continue
        column, reference, without_answers = read_group_csv(reference_path)
        listed = len(reference) <= LISTED_GROUPS
        peers = {}
        for c in commands:
            if c["job"] != job or c["key"] in BASELINES or c["key"].startswith("nps"):
                continue
            entry = {"label": c["label"], "agree": False, "counts_agree": False,
                     "problems": [], "mismatches": 0, "count_mismatches": 0,
                     "groups_compared": 0, "plans": {}}
            peers[c["key"]] = entry
            if (job, c["key"]) in failed:
                entry["problems"].append("the command failed")
                lines.append(f"{job}: {c['label']}: FAILED to run")
                continue
            try:
                _, got, _ = read_group_csv(os.path.join(run_dir, "output", f"{job}-{c['key']}.csv"))
            except (OSError, ValueError, IndexError, StopIteration) as e:
                entry["problems"].append(f"unreadable output: {e}")
                lines.append(f"{job}: {c['label']}: unreadable output ({e})")
                continue
            if listed:
                entry["plans"] = got
            problems, counts_problems = [], []
            # Compared by key, not by order: nps sorts numbers as numbers, the peers as text.
            for group in reference.keys() - got.keys():
                problems.append(f"{column} {group!r} missing")
            for group in got.keys() - reference.keys():
                problems.append(f"{column} {group!r} not in nps's output")
            for group in reference.keys() & got.keys():
                r, g = reference[group], got[group]
                entry["groups_compared"] += 1
                if abs(r["nps"] - g["nps"]) >= 0.005:
                    problems.append(f"{column} {group}: NPS {g['nps']:.4f}, nps says {r['nps']:.4f}")
                for name in FIELDS:
                    if g[name] != r[name]:
                        counts_problems.append(
                            f"{column} {group}: {name} {g[name]:.0f}, nps says {r[name]:.0f}")
            problems.sort()
            counts_problems.sort()
            entry["mismatches"] = len(problems)
            entry["count_mismatches"] = len(counts_problems)

            def shown(items):
                more = len(items) - SHOWN_PROBLEMS
                return items[:SHOWN_PROBLEMS] + ([f"... and {more:,} more"] if more > 0 else [])

            entry["problems"] = shown(problems)
            entry["agree"] = not problems
            entry["counts_agree"] = entry["agree"] and not counts_problems
            entry["count_differences"] = shown(counts_problems)
            groups = f"all {entry['groups_compared']:,} groups"
            if entry["agree"]:
                note = "counts identical" if entry["counts_agree"] else \
                    f"counts differ in {len(counts_problems):,}: " + "; ".join(entry["count_differences"])
                lines.append(f"{job}: {c['label']}: NPS per {column} agrees to 2 decimals on "
                             f"{groups} ({note})")
            else:
                lines.append(f"{job}: {c['label']}: DISAGREES on {len(problems):,} of "
                             f"{len(reference.keys() | got.keys()):,} {column} groups: "
                             + "; ".join(entry["problems"]))
        result[job] = {"column": column, "groups": len(reference),
                       "without_answers": without_answers,
                       "reference": reference if listed else None, "peers": peers}
    with open(os.path.join(run_dir, "check.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
    print("\n".join(lines))
    all_agree = all(p["agree"] for j in result.values() for p in j["peers"].values())
    return 0 if all_agree else 1


# --- report ---------------------------------------------------------------------------------

def package_version(name):
    path = os.path.join("bench", "node_modules", name, "package.json")
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def machine():
    try:
        import pandas
        pandas_version = pandas.__version__
    except ImportError:
        pandas_version = "?"
    return {
        "nproc": int(run_text(["nproc"]) or 0),
        "cpu": cpu_model(),
        "memory_gib": memory_gib(),
        "kernel": platform.release(),
        "versions": {
            "hyperfine": run_text(["hyperfine", "--version"]),
            "miller": run_text(["mlr", "--version"]),
            "node": run_text(["node", "--version"]),
            "@duckdb/node-api": package_version("@duckdb/node-api"),
            "nodejs-polars": package_version("nodejs-polars"),
            "chdb": package_version("chdb"),
            "python": platform.python_version(),
            "pandas": pandas_version,
            "valgrind": run_text(["valgrind", "--version"]),
        },
    }


def callgrind_total(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"(?:totals|summary):\s*(\d+)", line)
                if m:
                    return int(m.group(1))
    except OSError:
        pass
    return None


def fmt_mb(kb):
    return "—" if kb is None else f"{kb / 1024:.1f} MB"


def groups_section(w, summary, checked):
    """The "Many groups" section: nps --by a column with as many values as rows, in every
    output format, against DuckDB."""
    tools = summary["jobs"].get("groups")
    gf = summary["groups_file"]
    if not tools or not gf:
        return
    checked = checked or {}
    column = gf["column"]
    w(f"## {JOB_TITLES['groups']}")
    w("")
    w(f"`nps --by {column}` on {gf['rows']:,} rows whose `{column}` column has a distinct "
      f"value in every row ({checked.get('groups', 0) + checked.get('without_answers', 0):,} "
      "groups in nps's output), once per output format, against the same grouping in "
      "DuckDB (the target's reference), Polars and ClickHouse, each written by the "
      "engine's own CSV writer. Output goes to /dev/null when timed. "
      "\"× DuckDB\" is the command's mean time over DuckDB's (above 1: slower than "
      "DuckDB); output is the size of what the command wrote in its untimed run.")
    w("")
    w("| command | mean ± stddev (s) | min (s) | × DuckDB | CPU (s) | peak RSS | output | runs |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for t in tools:
        out = "—" if t["output_bytes"] is None else f"{t['output_bytes'] / 1e6:.1f} MB"
        if t["mean_s"] is None:
            why = "failed" if t["failed"] else "not timed"
            w(f"| {t['label']} | {why} | | | | {fmt_mb(t['peak_rss_kb'])} | {out} | 0 |")
            continue
        ratio = f"{t['ratio_vs_duckdb']:.2f}" if t["ratio_vs_duckdb"] is not None else "—"
        sd = f"{t['stddev_s']:.3f}" if t["stddev_s"] is not None else "—"
        name = f"**{t['label']}**" if t["key"].startswith("nps") else t["label"]
        w(f"| {name} | {t['mean_s']:.3f} ± {sd} | {t['min_s']:.3f} | {ratio} | "
          f"{t['cpu_s']:.2f} | {fmt_mb(t['peak_rss_kb'])} | {out} | {t['runs']} |")
    w("")
    verdict = summary.get("groups_target")
    if verdict:
        d = verdict["duckdb"]
        def one(v):
            if v["mean_s"] is None:
                return f"{v['label']} not timed"
            if d["mean_s"] is None:
                return f"{v['label']} {v['mean_s']:.3f} s and {fmt_mb(v['peak_rss_kb'])}"
            rss = "—" if v["rss_ratio_vs_duckdb"] is None else f"{v['rss_ratio_vs_duckdb']:.2f}×"
            return (f"{v['label']} {v['mean_s']:.3f} s ({v['time_ratio_vs_duckdb']:.2f}× "
                    f"DuckDB's time{'' if v['time_met'] else ', **slower**'}) and "
                    f"{fmt_mb(v['peak_rss_kb'])} ({rss} DuckDB's"
                    f"{'' if v['rss_met'] else ', **more**'})")
        duck = ("DuckDB " + (f"{d['mean_s']:.3f} s" if d["mean_s"] is not None else "not timed")
                + f" and {fmt_mb(d['peak_rss_kb'])}")
        if d["failed"]:
            duck = "DuckDB failed"
        elif not d["agrees"]:
            duck += " (its result disagrees with nps: see below)"
        met = {True: "met", False: "not met", None: "not measured"}[verdict["met"]]
        w(f"Target (every nps output format at least as fast as DuckDB, peak RSS no more than "
          f"DuckDB's): **{met}**. {duck}; "
          + "; ".join(one(v) for v in verdict["formats"]) + ".")
        w("")


def report(run_dir, results_dir):
    meta = {}
    with open(os.path.join(run_dir, "meta.txt"), encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            meta[k] = v
    commands = read_commands(run_dir)
    failed = read_failed(run_dir)
    check_path = os.path.join(run_dir, "check.json")
    checked = {}
    if os.path.exists(check_path):
        with open(check_path, encoding="utf-8") as f:
            checked = json.load(f)

    timings = {}  # (job, label) -> hyperfine result
    for name in sorted(os.listdir(results_dir)):
        if name.startswith("hyperfine-") and name.endswith(".json"):
            job = name[len("hyperfine-"):-len(".json")].split("-")[0]
            with open(os.path.join(results_dir, name), encoding="utf-8") as f:
                for r in json.load(f)["results"]:
                    timings[(job, r["command"])] = r

    def rss_kb(job, key):
        try:
            with open(os.path.join(run_dir, "rss", f"{job}-{key}"), encoding="utf-8") as f:
                return int(f.read().split()[-1])
        except (OSError, ValueError, IndexError):
            return None

    def output_bytes(job, key):
        try:
            return os.path.getsize(os.path.join(run_dir, "output", f"{job}-{key}.csv"))
        except OSError:
            return None

    rows = int(meta["rows"])
    files = {job: meta[job] for job in JOB_TITLES if job in meta}
    sizes = {job: os.path.getsize(path) for job, path in files.items()}
    lines_in = {}
    for job in PLAN_JOBS:
        if job not in files:
            continue
        try:
            with open(os.path.join(run_dir, "output", f"{job}-wc.csv"), encoding="utf-8") as f:
                lines_in[job] = int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            lines_in[job] = None
    small_size = os.path.getsize(meta["small"])
    instructions = callgrind_total(os.path.join(run_dir, "callgrind.out"))
    mach = machine()
    started = datetime.datetime.fromtimestamp(int(meta["started"]), datetime.timezone.utc)
    duration = int(meta["finished"]) - int(meta["started"])

    summary = {
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "duration_s": duration,
        "rows": rows,
        "runs": int(meta["runs"]),
        "slow_runs": int(meta["slow_runs"]),
        "machine": mach,
        "load_average": {k[len("load_"):]: v for k, v in meta.items() if k.startswith("load_")},
        "files": {job: {"path": files[job], "bytes": sizes[job], "lines": lines_in[job]}
                  for job in lines_in},
        "jobs": {},
        "agreement": {},
        "targets": [],
        "groups_file": ({"path": files["groups"], "bytes": sizes["groups"],
                         "rows": int(meta["group_rows"]), "column": meta["group_column"]}
                        if "groups" in files else None),
        "callgrind": {
            "file": meta["small"], "bytes": small_size, "rows": 100000,
            "instructions": instructions,
            "instructions_per_byte": instructions / small_size if instructions else None,
        },
    }

    for job in dict.fromkeys(c["job"] for c in commands):
        nps_label = next(c["label"] for c in commands if c["job"] == job and c["key"] == "nps")
        nps_mean = timings.get((job, nps_label), {}).get("mean")
        tools = []
        for c in commands:
            if c["job"] != job:
                continue
            t = timings.get((job, c["label"]))
            entry = {"key": c["key"], "label": c["label"], "command": c["command"],
                     "runs": len(t["times"]) if t else 0,
                     "failed": (job, c["key"]) in failed,
                     "mean_s": t["mean"] if t else None,
                     "stddev_s": t["stddev"] if t else None,
                     "min_s": t["min"] if t else None,
                     "cpu_s": (t["user"] + t["system"]) if t else None,
                     "mb_per_s": sizes[job] / 1e6 / t["mean"] if t and t["mean"] else None,
                     "ratio_vs_nps": t["mean"] / nps_mean if t and nps_mean else None,
                     "peak_rss_kb": rss_kb(job, c["key"]),
                     "output_bytes": output_bytes(job, c["key"])}
            tools.append(entry)
        duckdb = next((t for t in tools if t["key"] == "duckdb"), None)
        for t in tools:
            t["ratio_vs_duckdb"] = (t["mean_s"] / duckdb["mean_s"]
                                    if duckdb and duckdb["mean_s"] and t["mean_s"] else None)
        summary["jobs"][job] = tools
        peers = checked.get(job, {}).get("peers", {})
        summary["agreement"][job] = {
            key: {"label": p["label"], "agree": p["agree"], "counts_agree": p["counts_agree"],
                  "problems": p["problems"], "count_differences": p.get("count_differences", []),
                  "groups_compared": p.get("groups_compared"), "mismatches": p.get("mismatches"),
                  "count_mismatches": p.get("count_mismatches")}
            for key, p in peers.items()}

    def tool(job, key):
        return next((t for t in summary["jobs"].get(job, []) if t["key"] == key), None)

    def target(text, job, key, minimum=None, maximum=None, invert=False):
        t, n = tool(job, key), tool(job, "nps")
        value = value_min = None
        if t and n and t["mean_s"] and n["mean_s"]:
            value = n["mean_s"] / t["mean_s"] if invert else t["mean_s"] / n["mean_s"]
            if t["min_s"] and n["min_s"]:
                value_min = n["min_s"] / t["min_s"] if invert else t["min_s"] / n["min_s"]
        met = None
        if value is not None:
            met = (minimum is None or value >= minimum) and (maximum is None or value <= maximum)
        agree = summary["agreement"].get(job, {}).get(key, {}).get("agree", True)
        summary["targets"].append({"target": text, "value": value, "met": met,
                                   "value_from_min_times": value_min, "peer_agrees": agree})

    target("CSV: nps ≥4× faster than DuckDB", "csv", "duckdb", minimum=4)
    target("CSV: nps ≥4× faster than Polars", "csv", "polars", minimum=4)
    target("CSV: nps ≥4× faster than ClickHouse (chdb)", "csv", "chdb", minimum=4)
    target("CSV: nps ≥30× faster than Miller", "csv", "miller", minimum=30)
    target("CSV: nps ≥30× faster than pandas", "csv", "pandas", minimum=30)
    target("CSV: nps within 2× of wc -l (nps time / wc -l time ≤ 2)", "csv", "wc",
           maximum=2, invert=True)
    for peer, name in (("duckdb", "DuckDB"), ("polars", "Polars"), ("chdb", "ClickHouse (chdb)")):
        target(f"CSV, comments quoted: nps ≥4× faster than {name}", "quoted", peer, minimum=4)
    target("CSV, comments quoted: nps within 2× of wc -l", "quoted", "wc", maximum=2, invert=True)
    target("NDJSON: nps ≥3× faster than DuckDB's JSON reader", "ndjson", "duckdb", minimum=3)
    for job in lines_in:
        n = tool(job, "nps")
        cores = n["cpu_s"] / n["mean_s"] if n and n["mean_s"] else None
        # Issue 19's bar: CPU time / wall time at least 1.8.
        summary["targets"].append({
            "target": f"{JOB_TITLES[job]}: nps uses both cores (CPU time / wall time ≥ 1.8)",
            "value": cores, "met": cores >= 1.8 if cores is not None else None,
            "peer_agrees": True, "unit": "cores"})
    for job in lines_in:
        n = tool(job, "nps")
        kb = n["peak_rss_kb"] if n else None
        summary["targets"].append({
            "target": f"{JOB_TITLES[job]}: nps peak RSS (file pages included) under 64 MB",
            "value": kb / 1024 if kb is not None else None,
            "met": kb is not None and kb < 64 * 1024 if kb is not None else None,
            "peer_agrees": True})

    # Many groups: every nps output format at least as fast as DuckDB, peak RSS no more.
    duckdb = tool("groups", "duckdb")
    duckdb_agrees = summary["agreement"].get("groups", {}).get("duckdb", {}).get("agree", True)
    groups_verdict = []
    for t in summary["jobs"].get("groups", []):
        if not t["key"].startswith("nps"):
            continue
        time_ratio = time_ratio_min = rss_ratio = None
        if duckdb and duckdb["mean_s"] and t["mean_s"]:
            time_ratio = duckdb["mean_s"] / t["mean_s"]
            time_ratio_min = duckdb["min_s"] / t["min_s"] if t["min_s"] else None
        if duckdb and duckdb["peak_rss_kb"] and t["peak_rss_kb"] is not None:
            rss_ratio = t["peak_rss_kb"] / duckdb["peak_rss_kb"]
        time_met = time_ratio >= 1 if time_ratio is not None else None
        rss_met = rss_ratio <= 1 if rss_ratio is not None else None
        groups_verdict.append({"label": t["label"], "time_met": time_met, "rss_met": rss_met,
                               "mean_s": t["mean_s"], "peak_rss_kb": t["peak_rss_kb"],
                               "time_ratio_vs_duckdb": t["ratio_vs_duckdb"],
                               "rss_ratio_vs_duckdb": rss_ratio})
        summary["targets"].append({
            "target": f"Many groups: {t['label']} at least as fast as DuckDB "
                      "(DuckDB time / nps time ≥ 1)",
            "value": time_ratio, "met": time_met, "value_from_min_times": time_ratio_min,
            "peer_agrees": duckdb_agrees})
        summary["targets"].append({
            "target": f"Many groups: {t['label']} peak RSS no more than DuckDB's "
                      f"({fmt_mb(duckdb['peak_rss_kb'] if duckdb else None)})",
            "value": t["peak_rss_kb"] / 1024 if t["peak_rss_kb"] is not None else None,
            "met": rss_met, "peer_agrees": duckdb_agrees})
    if groups_verdict:
        known = [v for v in groups_verdict if v["time_met"] is not None and v["rss_met"] is not None]
        met = all(v["time_met"] and v["rss_met"] for v in known) and duckdb_agrees
        if not duckdb or duckdb["failed"] or duckdb["mean_s"] is None:
            met = None
        summary["groups_target"] = {
            # None: not measured (DuckDB or an nps format not timed), unless already missed
            "met": met if len(known) == len(groups_verdict) or not met else None,
            "duckdb": {"failed": duckdb["failed"] if duckdb else None,
                       "mean_s": duckdb["mean_s"] if duckdb else None,
                       "peak_rss_kb": duckdb["peak_rss_kb"] if duckdb else None,
                       "agrees": duckdb_agrees},
            "formats": groups_verdict}

    with open(os.path.join(results_dir, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=1, ensure_ascii=False)
        f.write("\n")

    # --- Markdown ---
    md = []
    w = md.append
    w("# koe benchmark: `nps --by plan` and its peers")
    w("")
    w(f"Written by `bench/run.sh` ({meta['invocation']}). Raw numbers: `summary.json` and "
      "hyperfine's own JSON (`hyperfine-*.json`) beside this file.")
    w("")
    if rows != 10_000_000:
        w(f"**This run used {rows:,} rows, not the 10,000,000 rows the targets in "
          "PRODUCT.md are defined for.**")
        w("")
    w(f"- Date: {summary['date']}; the whole benchmark took {duration // 60} min {duration % 60} s")
    w(f"- Machine: {mach['nproc']} cores (`nproc`), CPU \"{mach['cpu']}\", "
      f"{mach['memory_gib']} GiB memory, Linux {mach['kernel']}")
    la = summary["load_average"]
    w("- Load average (1, 5, 15 min; a shared machine, so other work may have run alongside "
      "and taken cores from the timed tools): "
      + "; ".join(f"{k.replace('_', ' ')} {v}" for k, v in la.items()))
    v = mach["versions"]
    w(f"- Tools: {v['hyperfine']}; {v['miller']}; node {v['node']} with @duckdb/node-api "
      f"{v['@duckdb/node-api']}, nodejs-polars {v['nodejs-polars']} and chdb "
      f"{v.get('chdb', '?')}; Python "
      f"{v['python']} with pandas {v['pandas']}; {v['valgrind']}")
    w(f"- Data: `gen-responses --rows {rows} --seed {meta['seed']}`, in page cache "
      "(read once before, and one untimed warm-up run of each fast command)")
    for job in lines_in:
        lines_note = f", {lines_in[job]:,} lines (`wc -l`)" if lines_in[job] else ""
        w(f"  - {JOB_TITLES[job]}: `{files[job]}`, {sizes[job]:,} bytes "
          f"({sizes[job] / 1e6:.1f} MB){lines_note}")
    gf = summary["groups_file"]
    if gf:
        w(f"  - {JOB_TITLES['groups']}: `gen-responses --rows {gf['rows']} --seed "
          f"{meta['seed']} --format csv` as `{gf['path']}`, {gf['bytes']:,} bytes "
          f"({gf['bytes'] / 1e6:.1f} MB), grouped by `{gf['column']}`")
    w(f"- Runs: {meta['runs']} timed runs of each command, {meta['slow_runs']} of Miller and "
      "pandas (slow); mean ± standard deviation of wall time. MB/s is file size (10^6 bytes) "
      "over mean time; \"× nps\" is the tool's mean time over nps's (above 1: slower than "
      "nps); CPU is user + system time per run (above the wall time: more than one core "
      "busy). Peak RSS is `/usr/bin/time -f %M` of one extra run.")
    w("")

    for job, tools in summary["jobs"].items():
        if job == "groups":
            continue
        w(f"## {JOB_TITLES[job]} job")
        w("")
        w("| tool | mean ± stddev (s) | min (s) | MB/s | × nps | CPU (s) | peak RSS | runs |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
        for t in tools:
            if t["mean_s"] is None:
                why = "failed" if t["failed"] else "not timed"
                w(f"| {t['label']} | {why} | | | | | {fmt_mb(t['peak_rss_kb'])} | 0 |")
                continue
            name = f"**{t['label']}**" if t["key"] == "nps" else t["label"]
            ratio = f"{t['ratio_vs_nps']:.2f}" if t["ratio_vs_nps"] is not None else "—"
            sd = f"{t['stddev_s']:.3f}" if t["stddev_s"] is not None else "—"
            mbs = f"{t['mb_per_s']:,.0f}" if t["mb_per_s"] is not None else "—"
            w(f"| {name} | {t['mean_s']:.3f} ± {sd} | {t['min_s']:.3f} | "
              f"{mbs} | {ratio} | {t['cpu_s']:.2f} | "
              f"{fmt_mb(t['peak_rss_kb'])} | {t['runs']} |")
        w("")

    groups_section(w, summary, checked.get("groups"))

    noisy = [f"{JOB_TITLES[job]} {t['label']} (±{100 * t['stddev_s'] / t['mean_s']:.0f}%)"
             for job, tools in summary["jobs"].items() for t in tools
             if t["mean_s"] and t["stddev_s"] and t["stddev_s"] > 0.1 * t["mean_s"]
             and t["mean_s"] > 0.1]
    if noisy:
        w("Noisy timings (standard deviation over 10% of the mean, a sign of other work on "
          "the machine taking cores): " + ", ".join(noisy) + ". Their min column is the "
          "closer estimate of an undisturbed run.")
        w("")

    w("## Targets (PRODUCT.md, Performance)")
    w("")
    w("Measured from mean times (the verdict); the ratio of the fastest runs is shown too, "
      "since other work on a shared machine lengthens some runs.")
    w("")
    w("| target | measured (means) | from min times | met? |")
    w("|---|---:|---:|---|")
    for t in summary["targets"]:
        if t["value"] is None:
            measured, met = "—", "not measured"
        elif t.get("unit") == "cores":
            measured, met = f"{t['value']:.2f} cores", "met" if t["met"] else "**not met**"
        elif "RSS" in t["target"]:
            measured, met = f"{t['value']:.1f} MB", "met" if t["met"] else "**not met**"
        else:
            measured, met = f"{t['value']:.2f}×", "met" if t["met"] else "**not met**"
        if not t["peer_agrees"]:
            met += " (peer's result disagrees with nps: see below)"
        vm = t.get("value_from_min_times")
        w(f"| {t['target']} | {measured} | {f'{vm:.2f}×' if vm is not None else ''} | {met} |")
    w("")

    w("## Do the peers agree with nps?")
    w("")
    w("Each command's output from its untimed run: NPS per group compared with "
      "`nps --by plan -o csv` (the many-groups job: `nps --by id -o csv`) to 2 decimals "
      "(|difference| < 0.005), matched by the group's text, not by row order (the counts n, "
      "promoters, passives, detractors are compared too). A group none of whose answers is "
      "valid has no NPS: nps lists it with n = 0, the peers leave it out, and the check "
      "leaves it out.")
    w("")
    for job, data in checked.items():
        ref = data.get("reference") or {}
        peers = data.get("peers", {})
        column = data.get("column") or "plan"
        w(f"{JOB_TITLES[job]}:")
        w("")
        if data.get("reference") is None and data.get("groups"):
            w(f"{data['groups']:,} `{column}` groups with a valid answer in nps's output "
              f"({data.get('without_answers', 0):,} more without one); too many to list.")
            w("")
            for key, e in peers.items():
                if e["agree"]:
                    counts = "identical counts" if e["counts_agree"] else \
                        (f"but counts differ in {e.get('count_mismatches', 0):,} groups: "
                         + "; ".join(e.get("count_differences", [])))
                    w(f"- {e['label']}: agrees on all {e.get('groups_compared', 0):,} "
                      f"groups ({counts})")
                elif not e.get("mismatches"):
                    w(f"- {e['label']}: **no comparison**: " + "; ".join(e["problems"]))
                else:
                    w(f"- {e['label']}: **DISAGREES** on {e.get('mismatches', 0):,} groups: "
                      + "; ".join(e["problems"]))
            w("")
            continue
        plans = sorted(set(ref) | {p for e in peers.values() for p in e.get("plans", {})})
        w(f"| {column} | n (nps) | nps | " + " | ".join(e["label"] for e in peers.values()) + " |")
        w("|---|---:|---:|" + "---:|" * len(peers))
        for plan in plans:
            r = ref.get(plan)
            cells = [plan, f"{r['n']:.0f}" if r else "—", f"{r['nps']:.2f}" if r else "—"]
            for e in peers.values():
                g = e.get("plans", {}).get(plan)
                cells.append(f"{g['nps']:.2f}" if g else "—")
            w("| " + " | ".join(cells) + " |")
        w("")
        for key, e in peers.items():
            if e["agree"]:
                counts = "identical counts" if e["counts_agree"] else \
                    "but counts differ: " + "; ".join(e.get("count_differences", []))
                w(f"- {e['label']}: agrees ({counts})")
            else:
                w(f"- {e['label']}: **DISAGREES**: " + "; ".join(e["problems"]))
        w("")
    if not checked:
        w("The check did not run.")
        w("")

    w("## Instructions per input byte")
    w("")
    cg = summary["callgrind"]
    if instructions:
        w(f"`nps --by plan` on a {cg['rows']:,}-row CSV ({small_size:,} bytes): "
          f"{instructions:,} instructions (callgrind Ir, all threads) = "
          f"**{instructions / small_size:.2f} instructions per input byte** "
          f"({instructions / cg['rows']:.0f} per row). Start-up and output are included.")
    else:
        w("callgrind did not produce a count (see bench/out/run/callgrind.err).")
    w("")

    not_met = [t for t in summary.get("targets", []) if t.get("met") is False]
    why_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "why-not-met.md")
    if not_met and os.path.exists(why_path):
        w("## Where targets are not met, and why")
        w("")
        with open(why_path, encoding="utf-8") as why:
            w(why.read().rstrip("\n"))
        w("")

    w("## Commands")
    w("")
    w("Run from the repository root. Timed with hyperfine (`--warmup 1 --runs "
      f"{meta['runs']}` for fast commands, `--runs {meta['slow_runs']}` for Miller and "
      "pandas; default shell, whose start-up hyperfine subtracts); peak RSS with "
      "`/usr/bin/time -f %M sh -c COMMAND`.")
    w("")
    w("```sh")
    for c in commands:
        w(f"# {JOB_TITLES[c['job']]}: {c['label']}")
        w(c["command"])
    w("# instructions")
    w(meta["callgrind_cmd"])
    w("```")
    w("")
    w("What the peers do (the same rules as nps: an answer counts when it is a number with an "
      "integral value 0..10; blanks, N/A, `ten`, 7.5, -1 and 11 are left out; promoters 9–10, "
      "passives 7–8, detractors 0–6; NPS = 100 × (promoters − detractors) / n):")
    w("")
    w("- DuckDB (`bench/peers/duckdb_nps.mjs`): one SQL query over `read_csv` / `read_json` "
      "(plan and score read as VARCHAR), `TRY_CAST(score AS DOUBLE)` kept where integral "
      "and in 0..10 (`TRY_CAST(score AS INTEGER)` alone would round 7.5 to 8), `GROUP BY "
      "plan` (or `id`) with `count(*) FILTER (...)`, `ORDER BY` the group, written by "
      "DuckDB's own CSV writer (`COPY (...) TO '/dev/stdout'`). DuckDB uses every core.")
    w("- Polars (`bench/peers/polars_nps.mjs`): lazy `scanCSV` (every column as text, so "
      "only plan and score are materialised), non-strict cast of score to Float64, filter, "
      "`groupBy(\"plan\").agg(...)` (or `id`), NPS as an expression, `sort`, `collect()`, "
      "written by Polars' `writeCSV`. Polars uses every core.")
    w("- ClickHouse, embedded (`bench/peers/chdb_nps.mjs`, npm `chdb`): one SQL query over "
      "`file(..., 'CSVWithNames' | 'JSONEachRow')` with every column as Nullable(String), "
      "`toFloat64OrNull(trimBoth(score))` kept where integral and in 0..10, `GROUP BY plan` "
      "(or `id`) with `countIf`, `ORDER BY` the group, written as ClickHouse's "
      "`CSVWithNames`. ClickHouse uses every core.")
    w("- Miller (`bench/peers/miller_nps.sh`): one `mlr --icsv --ocsv` verb chain: `cut` "
      "plan,score, `filter` numeric integral 0..10, `put` 0/1 promoter/passive/detractor "
      "fields, `stats1 -a count,sum -g plan`, then NPS from the sums.")
    w("- pandas (`bench/peers/pandas_nps.py`): `read_csv(usecols=[\"plan\", \"score\"], "
      "dtype=str)` (C engine), `pd.to_numeric(errors=\"coerce\")`, filter, `groupby(\"plan\")` "
      "sums. Single-threaded.")
    w("")
    w("Starting node (and loading the DuckDB or Polars library) and starting Python with "
      "`import pandas` are part of the peers' times, as they are for a user running them.")
    w("")

    with open(os.path.join(results_dir, "REPORT.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    return 0


def main(argv):
    if len(argv) == 3 and argv[1] == "check":
        return check(argv[2])
    if len(argv) == 4 and argv[1] == "report":
        return report(argv[2], argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
