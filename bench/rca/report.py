#!/usr/bin/python3
"""Writes the rca-tag benchmark's report (called by bench/rca/run.sh; standard library only).

    report.py RUN_DIR RESULTS

RUN_DIR is bench/out/rca/run as run.sh leaves it: meta.txt, commands.tsv (key, label,
command), failed.txt, rss/KEY (peak RSS in kB), check.txt (engine agreement), tagged.txt,
taxonomy.txt, small-summary.json, callgrind.tsv and callgrind/NAME.{out,self.txt,incl.txt}.
The data files' sizes are in DATA.sizes beside each data file. RESULTS holds
hyperfine-rca.json; REPORT.md, summary.json and callgrind.txt are written there.
"""
import datetime
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from machine import cores, cpu_model, dpkg_versions, first_line, kernel, memory_gib, simd_flags  # noqa: E402

TARGET_SPEEDUP = 1.7
TARGET_MB_S = 100.0  # PRODUCT.md, Performance: comment text per core
STARTUP_OF = {"auto": "startup-auto", "re2": "startup-re2", "base": "startup-base",
              "base0": "startup-base"}


def read_kv(path):
    values = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    key, value = line.rstrip("\n").split("=", 1)
                    values[key] = value
    return values


def read_text(path, default=""):
    if not os.path.exists(path):
        return default
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


def machine():
    return (f"{cores()} cores (`nproc`), CPU \"{cpu_model()}\" "
            f"({', '.join(simd_flags()) or 'no AVX2'}), {memory_gib():.1f} GiB memory, {kernel()}")


# --- callgrind ----------------------------------------------------------------------------
LINE = re.compile(r"^\s*([\d,]+) \(\s*[\d.]+%\)\s+(.*)$")


def annotate(path):
    """function -> Ir from a callgrind_annotate listing; and the program total."""
    functions, total = {}, None
    if not os.path.exists(path):
        return functions, total
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if not m:
                continue
            value, name = int(m.group(1).replace(",", "")), m.group(2).strip()
            if name == "PROGRAM TOTALS":
                total = value
            else:
                functions[name] = functions.get(name, 0) + value
    return functions, total


def short_name(name):
    """`file:function [object]` -> `function (object)`, argument lists dropped."""
    obj = ""
    m = re.match(r"^(.*) \[(.*)\]$", name)
    if m:
        name, obj = m.group(1), os.path.basename(m.group(2))
    if ":" in name and not name.startswith("koe::"):
        head, _, tail = name.partition(":")
        if "/" in head or head == "???" or head.endswith((".c", ".S", ".h", ".cc", ".cpp")):
            name = tail
    # drop argument lists: keep up to the first '(' that follows a name character
    depth, cut = 0, None
    for i, c in enumerate(name):
        if c == "(" and i > 0 and (name[i - 1].isalnum() or name[i - 1] in "_>]"):
            if not name.startswith("(anonymous", i):
                cut = i
                break
    if cut is not None:
        lambda_ = "::{lambda}" if "::{lambda" in name[cut:] else ""
        name = name[:cut] + lambda_
    name = name.replace("(anonymous namespace)::", "")
    name = name.replace("std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >", "std::string")
    if name.startswith("0x") and obj:
        name = f"{obj} internal function {name}"
    return f"`{name}` ({obj})" if obj else f"`{name}`"


def fmt_int(value):
    return f"{value:,}" if value is not None else "n/a"


def main():
    run_dir, results = sys.argv[1], sys.argv[2]
    meta = read_kv(os.path.join(run_dir, "meta.txt"))
    sizes = read_kv(meta["csv"] + ".sizes")
    small_sizes = read_kv(meta["small"] + ".sizes")
    comment_bytes = int(sizes["comment_bytes"])
    file_bytes = int(sizes["file_bytes"])
    small_comment_bytes = int(small_sizes["comment_bytes"])
    small_rows = int(small_sizes["rows"])

    commands = []
    with open(os.path.join(run_dir, "commands.tsv"), encoding="utf-8") as f:
        for line in f:
            key, label, command = line.rstrip("\n").split("\t")
            commands.append({"key": key, "label": label, "command": command})
    failed = set(read_text(os.path.join(run_dir, "failed.txt")).split())
    rss = {c["key"]: read_text(os.path.join(run_dir, "rss", c["key"])) for c in commands}

    timings = {}
    hyperfine_json = os.path.join(results, "hyperfine-rca.json")
    if os.path.exists(hyperfine_json):
        with open(hyperfine_json, encoding="utf-8") as f:
            for r in json.load(f)["results"]:
                timings[r["command"]] = r
    label_of = {c["key"]: c["label"] for c in commands}
    t = {c["key"]: timings.get(c["label"]) for c in commands}

    def mean(key):
        return t[key]["mean"] if t.get(key) else None

    rows_table = []
    for c in commands:
        key, r = c["key"], t[c["key"]]
        mode = key.split("-")[0]
        entry = {"key": key, "label": c["label"], "command": c["command"],
                 "failed": key in failed, "peak_rss_kb": int(rss[key]) if rss[key].isdigit() else None}
        if r:
            entry.update({"mean_s": r["mean"], "stddev_s": r.get("stddev") or 0.0, "min_s": r["min"],
                          "cpu_s": (r.get("user") or 0) + (r.get("system") or 0),
                          "runs": len(r.get("times", []))})
            if mode in ("rows", "summary"):
                entry["comment_mb_s"] = comment_bytes / 1e6 / r["mean"]
                entry["comment_mb_s_min"] = comment_bytes / 1e6 / r["min"]
                entry["file_mb_s"] = file_bytes / 1e6 / r["mean"]
                engine = key.split("-")[1]
                start = mean(STARTUP_OF.get(engine, ""))
                if start is not None and r["mean"] > start:
                    entry["without_startup_mb_s"] = comment_bytes / 1e6 / (r["mean"] - start)
                # matching only: the rows' own time (startup off) minus the baseline's
                base, base_start = mean(f"{mode}-base"), mean("startup-base")
                if engine in ("auto", "re2") and None not in (base, base_start, start):
                    matching = (r["mean"] - start) - (base - base_start)
                    if matching > 0:
                        entry["matching_only_mb_s"] = comment_bytes / 1e6 / matching
                        entry["matching_only_s"] = matching
        rows_table.append(entry)
    by_key = {e["key"]: e for e in rows_table}

    # --- callgrind ------------------------------------------------------------------------
    cg = {}
    for name in ("rows-auto", "startup-auto", "summary-auto", "startup-summary-auto", "rows-base",
                 "startup-base"):
        self_fn, total = annotate(os.path.join(run_dir, "callgrind", f"{name}.self.txt"))
        incl_fn, _ = annotate(os.path.join(run_dir, "callgrind", f"{name}.incl.txt"))
        cg[name] = {"self": self_fn, "incl": incl_fn, "total": total}
    cg_commands = []
    if os.path.exists(os.path.join(run_dir, "callgrind.tsv")):
        with open(os.path.join(run_dir, "callgrind.tsv"), encoding="utf-8") as f:
            cg_commands = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]

    def net(name, startup):
        a, b = cg[name]["total"], cg[startup]["total"]
        return a - b if a is not None and b is not None else None

    per_row = {"rows-auto": net("rows-auto", "startup-auto"),
               "summary-auto": net("summary-auto", "startup-summary-auto"),
               "rows-base": net("rows-base", "startup-base")}

    def diff_functions(kind, name, startup, limit):
        a, b = cg[name][kind], cg[startup][kind]
        delta = {fn: a.get(fn, 0) - b.get(fn, 0) for fn in set(a) | set(b)}
        return sorted(((v, fn) for fn, v in delta.items() if v > 0), reverse=True)[:limit]

    top_self = diff_functions("self", "rows-auto", "startup-auto", 15)
    top_self_summary = diff_functions("self", "summary-auto", "startup-summary-auto", 10)
    interesting = ("Tagger::tag(", "tagging::normalize(", "full_normalize(", "hs_scan",
                   "Tagger::occurs(", "CsvReader::next_batch(", "CsvRows::row(",
                   "HyperscanFinder::find(", "utf8proc_map ", "utf8proc_map(")
    top_incl, shown = [], set()
    for v, fn in diff_functions("incl", "rows-auto", "startup-auto", 400):
        big = per_row["rows-auto"] and v >= 0.005 * per_row["rows-auto"]
        if big and any(k in fn for k in interesting) and short_name(fn) not in shown:
            shown.add(short_name(fn))
            top_incl.append((v, fn))

    # --- other facts ----------------------------------------------------------------------
    check = read_text(os.path.join(run_dir, "check.txt"))
    tagged = read_kv(os.path.join(run_dir, "tagged.txt"))
    taxonomy_mix = read_text(os.path.join(run_dir, "taxonomy.txt")).replace("make_taxonomy.py: ", "")
    rules_firing = total_rules = None
    small_tagged_pct = None
    try:
        with open(os.path.join(run_dir, "small-summary.json"), encoding="utf-8") as f:
            summary = json.load(f)
        hits = summary.get("rule_hits", [])
        rules_firing = sum(1 for h in hits if h.get("hits", 0) > 0)
        total_rules = len(hits)
        if summary.get("commented"):
            small_tagged_pct = 100.0 * summary["tagged"] / summary["commented"]
    except (OSError, ValueError):
        pass

    started = datetime.datetime.fromtimestamp(int(meta["started"]), datetime.timezone.utc)
    took = int(meta["finished"]) - int(meta["started"])
    engine_auto = meta.get("engine_auto", "?")

    def verdict(key):
        e = by_key.get(key, {})
        v = e.get("comment_mb_s")
        if v is None:
            return None
        return {"key": key, "label": e["label"], "comment_mb_s": v,
                "comment_mb_s_min": e.get("comment_mb_s_min"), "met": v >= TARGET_MB_S}

    verdicts = [v for v in (verdict(k) for k in ("rows-auto", "summary-auto", "rows-re2", "summary-re2")) if v]

    # --- REPORT.md ------------------------------------------------------------------------
    L = []
    L.append("# koe benchmark: `rca-tag` with a 500-rule taxonomy")
    L.append("")
    L.append(f"Written by `bench/rca/run.sh` ({meta.get('invocation', '')}). Raw numbers: "
             "`summary.json`, hyperfine's own JSON (`hyperfine-rca.json`) and the callgrind "
             "listing (`callgrind.txt`) beside this file.")
    L.append("")
    L.append(f"- Date: {started.strftime('%Y-%m-%dT%H:%M:%SZ')}; the whole benchmark took "
             f"{took // 60} min {took % 60} s")
    L.append(f"- Machine: {machine()}")
    L.append(f"- Load average (1, 5, 15 min; a shared machine, other work may have run alongside): "
             f"at start {meta.get('load_at_start')}; before timing {meta.get('load_before_timing')}; "
             f"at end {meta.get('load_at_end')}")
    pkgs = dpkg_versions(["libhyperscan5", "libre2-9", "libutf8proc2"])
    L.append(f"- Tools: {first_line(['hyperfine', '--version'])}; "
             f"{first_line(['valgrind', '--version'])}; "
             + (", ".join(pkgs) if pkgs else "library versions unknown"))
    L.append(f"- Binary: a copy of `{meta.get('binary', 'build/rca-tag')}` (built "
             f"{meta.get('binary_built', '?')}, sha256 {meta.get('binary_sha', '?')}…) taken at the "
             f"start, run by every step; `--engine auto` resolved to **{engine_auto}** in it")
    L.append(f"- Taxonomy: `{meta['taxonomy']}` from `bench/rca/make_taxonomy.py`: {taxonomy_mix}. "
             f"Baseline taxonomies: `{meta['taxonomy1']}`, one keyword that never occurs; "
             f"`{meta['taxonomy1all']}`, one regex (`.`) that tags every comment.")
    L.append(f"- Data: `gen-responses --rows {int(meta['rows']):,} --seed {meta['seed']}`, "
             f"`{meta['csv']}`, in page cache (read once before, one untimed warm-up run of each command)")
    L.append(f"  - {file_bytes:,} bytes of CSV ({file_bytes / 1e6:.1f} MB), {int(sizes['rows']):,} rows, "
             f"{int(sizes['commented']):,} with a comment")
    L.append(f"  - **comment text: {comment_bytes:,} bytes ({comment_bytes / 1e6:.1f} MB)**, the sum of "
             f"the `comment` fields' bytes as read (UTF-8, quotes undone; /usr/bin/python3 `csv`), "
             f"{100 * comment_bytes / file_bytes:.0f}% of the file")
    if tagged.get("output_rows"):
        out_rows = int(tagged["output_rows"])
        L.append(f"  - row output (`--engine auto`): {out_rows:,} rows"
                 f"{' (one per input row)' if out_rows == int(sizes['rows']) else ' — NOT one per input row (' + sizes['rows'] + ' in)'}; "
                 f"{int(tagged['tagged_rows']):,} tagged ({100 * int(tagged['tagged_rows']) / max(1, int(sizes['commented'])):.0f}% of the commented rows)")
    if rules_firing is not None:
        L.append(f"  - {rules_firing} of the {total_rules} rules fire at all on the {small_rows:,}-row file "
                 "(gen-responses' comments use a small vocabulary; a real taxonomy is written for more)")
    L.append(f"- Runs: {meta['runs']} timed runs of each command (hyperfine, `--warmup 1`), every "
             f"command pinned to core {meta['core']} by `taskset -c {meta['core']}`; mean ± standard "
             "deviation of wall time. MB is 10^6 bytes. Comment MB/s is the comment bytes over the "
             "mean time; file MB/s the whole CSV's bytes over the mean time. CPU is user + system "
             "time per run. Peak RSS is `/usr/bin/time -f %M` of one extra run.")
    L.append("")
    L.append("## Results")
    L.append("")
    L.append("| command | mean ± stddev (s) | min (s) | **comment MB/s** | file MB/s | matching only, comment MB/s | without startup, comment MB/s | CPU (s) | peak RSS | runs |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for e in rows_table:
        if e.get("mean_s") is None:
            L.append(f"| {e['label']} | {'FAILED' if e['failed'] else 'not timed'} | | | | | | | | |")
            continue

        def mb(k):
            return f"{e[k]:,.1f}" if e.get(k) is not None else ""
        bold = "**" if e["key"] in ("rows-auto", "summary-auto") else ""
        rss_text = f"{e['peak_rss_kb'] / 1024:.1f} MB" if e.get("peak_rss_kb") else "?"
        L.append(f"| {bold}{e['label']}{bold} | {e['mean_s']:.3f} ± {e['stddev_s']:.3f} | {e['min_s']:.3f} | "
                 f"{bold}{mb('comment_mb_s')}{bold} | {mb('file_mb_s')} | {mb('matching_only_mb_s')} | "
                 f"{mb('without_startup_mb_s')} | {e['cpu_s']:.2f} | {rss_text} | {e['runs']} |")
    L.append("")
    L.append("- *rows, baseline (1 rule, never fires)*: the same rca-tag with a taxonomy of one "
             "keyword that never occurs: it reads the rows, normalises every comment (NFKC, case "
             "folding), scans it once and writes the rows — everything but matching 500 rules.")
    L.append("- *summary, baseline (1 rule, tags every comment)*: in summary mode every untagged "
             "comment also goes into the untagged-terms count, so a never-firing rule makes a "
             "baseline that does *more* than the real run (*summary, 1 rule that never fires*, "
             "shown for that reason); this baseline's one rule (regex `.`) tags every comment "
             "instead, so it reads, normalises, scans, verifies one cheap match and aggregates.")
    L.append("- *startup*: the same command on the header row alone: reading and compiling the "
             "taxonomy (the 500-rule Hyperscan database or RE2 set, or the 1-rule one). *without "
             "startup*: comment bytes over (mean − that engine's startup mean), the speed once "
             "the taxonomy is compiled.")
    L.append("- *matching only*: comment bytes over the time the 500 rules add to the rows: "
             "(mean − startup) − (the mode's baseline mean − the baseline's startup). In summary "
             "mode this also holds the untagged-terms count of the comments left untagged.")
    noisy = [e["label"] for e in rows_table if e.get("mean_s") and e["stddev_s"] > 0.1 * e["mean_s"]]
    if noisy:
        L.append(f"- Noisy timings (standard deviation over 10% of the mean): {'; '.join(noisy)}; "
                 "the min column is the closer estimate of an undisturbed run.")
    waited = [e["label"] for e in rows_table
              if e.get("mean_s") and e["mean_s"] > 0.05 and e["mean_s"] > 1.1 * e["cpu_s"]]
    if waited:
        L.append(f"- Wall time over 110% of CPU time (a single-threaded tool waiting for its core, "
                 f"so other work ran on core {meta['core']} meanwhile): {'; '.join(waited)}.")
    L.append("")
    L.append("## Target (PRODUCT.md, Performance)")
    L.append("")
    L.append(f"`rca-tag` with a 500-rule taxonomy: {TARGET_MB_S:.0f} MB/s or more of comment text per core. "
             "Verdict from mean times; the fastest run is shown too.")
    L.append("")
    L.append("| command | comment MB/s (mean) | from min time | met? |")
    L.append("|---|---:|---:|---|")
    for v in verdicts:
        L.append(f"| {v['label']} | {v['comment_mb_s']:,.1f} | {v['comment_mb_s_min']:,.1f} | "
                 f"{'met' if v['met'] else '**not met**'} |")
    main_verdict = next((v for v in verdicts if v["key"] == "rows-auto"), None)
    if main_verdict:
        L.append("")
        speed = main_verdict["comment_mb_s"]
        outcome = ("target met" if main_verdict["met"]
                   else f"target not met ({speed / TARGET_MB_S:.2f}× of it)")
        L.append(f"With the default engine in row mode: **{speed:.1f} MB/s, {outcome}**.")
        budget = comment_bytes / 1e6 / TARGET_MB_S
        parts = [f"At {TARGET_MB_S:.0f} MB/s this file's comments must be tagged in "
                 f"{budget:.3f} s"]
        for key, what in (("rows-base", "the row-mode baseline (no matching) takes"),
                          ("startup-auto", "compiling the 500-rule Hyperscan database takes"),
                          ("summary-base", "the summary baseline takes")):
            if mean(key) is not None:
                parts.append(f"{what} {mean(key):.3f} s")
        L.append("")
        L.append("; ".join(parts) + ".")
    one, two = mean("rows-auto"), mean("threads-2")
    if one is not None and two is not None:
        speedup = one / two
        met = speedup >= TARGET_SPEEDUP
        L.append("")
        L.append("## Two threads")
        L.append("")
        L.append(f"Row mode, `--engine auto`: {one:.3f} s on one core (`{label_of['rows-auto']}`), "
                 f"{two:.3f} s on two threads (`--threads 2`, not pinned): **{speedup:.2f}× "
                 f"faster**; target {TARGET_SPEEDUP}× faster on two threads than on one: "
                 f"{'met' if met else '**not met**'}. Rows stay in "
                 "input order; the check below compares the outputs byte for byte.")
    L.append("")
    L.append("## Do the engines agree?")
    L.append("")
    L.append("Output of the untimed run of each command, `--engine auto` against `--engine re2` "
             "(`cmp`; the first differences are kept in bench/out/rca/run/*-engines.diff):")
    L.append("")
    for line in check.splitlines():
        L.append(f"- {line}")
    L.append("")
    L.append(f"## Where the time goes (callgrind, {small_rows:,} rows, `--engine auto`)")
    L.append("")
    L.append(f"`{meta['small']}`: {small_rows:,} rows, {small_comment_bytes:,} comment bytes, "
             f"{int(small_sizes['file_bytes']):,} file bytes. Instructions (Ir) of the whole run, "
             "of the same command on the header alone (startup: the taxonomy read and compiled), "
             "and their difference, the rows' own cost. Under valgrind Hyperscan takes its AVX2 "
             "code path (valgrind has no AVX-512), so the scan may run other code natively.")
    L.append("")
    L.append("| run | Ir total | Ir startup | Ir for the rows | per comment byte | per file byte | per row |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    names = {"rows-auto": ("rows, 500 rules", "startup-auto"),
             "summary-auto": ("summary, 500 rules", "startup-summary-auto"),
             "rows-base": ("rows, baseline (1 rule)", "startup-base")}
    for name, (label, startup) in names.items():
        n = per_row[name]
        if n is None:
            L.append(f"| {label} | n/a | | | | | |")
            continue
        L.append(f"| {label} | {fmt_int(cg[name]['total'])} | {fmt_int(cg[startup]['total'])} | {fmt_int(n)} | "
                 f"{n / small_comment_bytes:,.0f} | {n / int(small_sizes['file_bytes']):,.0f} | {n / small_rows:,.0f} |")
    if per_row["rows-auto"] is not None and per_row["rows-base"] is not None:
        m = per_row["rows-auto"] - per_row["rows-base"]
        L.append("")
        L.append(f"Matching 500 rules (rows, 500 rules − baseline): {m:,} instructions, "
                 f"**{m / small_comment_bytes:,.0f} per comment byte**; reading, normalising and "
                 f"writing: {per_row['rows-base'] / small_comment_bytes:,.0f} per comment byte.")
    L.append("")
    L.append("Top functions by their own instructions, rows minus startup (`callgrind_annotate`; "
             "libhs is stripped, so its functions show as addresses):")
    L.append("")
    L.append("| Ir (self) | share of the rows' Ir | function |")
    L.append("|---:|---:|---|")
    for v, fn in top_self:
        share = 100 * v / per_row["rows-auto"] if per_row["rows-auto"] else 0
        L.append(f"| {v:,} | {share:.1f}% | {short_name(fn)} |")
    if top_incl:
        L.append("")
        L.append("Inclusive (the function and all it calls), rows minus startup:")
        L.append("")
        L.append("| Ir (inclusive) | share | function |")
        L.append("|---:|---:|---|")
        for v, fn in top_incl[:12]:
            share = 100 * v / per_row["rows-auto"] if per_row["rows-auto"] else 0
            L.append(f"| {v:,} | {share:.1f}% | {short_name(fn)} |")
    if top_self_summary:
        L.append("")
        L.append("Summary mode (`--summary --nps-score score`), top functions by their own "
                 "instructions, rows minus startup (the untagged comments' terms are counted, "
                 "Japanese ones split into words by MeCab):")
        L.append("")
        L.append("| Ir (self) | share of the rows' Ir | function |")
        L.append("|---:|---:|---|")
        for v, fn in top_self_summary:
            share = 100 * v / per_row["summary-auto"] if per_row["summary-auto"] else 0
            L.append(f"| {v:,} | {share:.1f}% | {short_name(fn)} |")
    L.append("")
    L.append("## Commands")
    L.append("")
    L.append("```sh")
    L.append(f"/usr/bin/python3 bench/rca/make_taxonomy.py -o {meta['taxonomy']}")
    L.append(f"gen-responses --rows {meta['rows']} --seed {meta['seed']} --format csv > {meta['csv']}")
    L.append(f"hyperfine --style basic --warmup 1 --runs {meta['runs']} --export-json bench/rca/results/hyperfine-rca.json \\")
    for i, c in enumerate(commands):
        tail = " \\" if i < len(commands) - 1 else ""
        L.append(f"  --command-name '{c['label']}' '{c['command']}'{tail}")
    for name, command in cg_commands:
        L.append(command)
    L.append("callgrind_annotate --threshold=100 [--inclusive=yes] bench/out/rca/run/callgrind/NAME.out")
    L.append("```")
    L.append("")
    with open(os.path.join(results, "REPORT.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(L))

    # --- summary.json and callgrind.txt ---------------------------------------------------
    summary = {
        "date": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "rows": int(sizes["rows"]), "seed": int(meta["seed"]), "runs": int(meta["runs"]),
        "core": int(meta["core"]), "engine_auto": engine_auto,
        "file_bytes": file_bytes, "comment_bytes": comment_bytes,
        "target_comment_mb_s": TARGET_MB_S,
        "commands": rows_table,
        "targets": verdicts,
        "engines_agree": check,
        "callgrind": {
            "rows": small_rows, "comment_bytes": small_comment_bytes,
            "file_bytes": int(small_sizes["file_bytes"]),
            "totals": {k: v["total"] for k, v in cg.items()},
            "per_comment_byte": {k: (v / small_comment_bytes if v is not None else None)
                                 for k, v in per_row.items()},
        },
    }
    with open(os.path.join(results, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with open(os.path.join(results, "callgrind.txt"), "w", encoding="utf-8") as f:
        f.write(f"rca-tag --engine auto -o csv on {meta['small']} minus the same on the header "
                "alone: instructions (Ir) by function.\n\nself:\n")
        for v, fn in diff_functions("self", "rows-auto", "startup-auto", 40):
            f.write(f"{v:>14,}  {fn}\n")
        f.write("\ninclusive:\n")
        for v, fn in diff_functions("incl", "rows-auto", "startup-auto", 40):
            f.write(f"{v:>14,}  {fn}\n")
        f.write("\n\nrca-tag --engine auto --summary --nps-score score, the same way.\n\nself:\n")
        for v, fn in diff_functions("self", "summary-auto", "startup-summary-auto", 40):
            f.write(f"{v:>14,}  {fn}\n")
        f.write("\ninclusive:\n")
        for v, fn in diff_functions("incl", "summary-auto", "startup-summary-auto", 40):
            f.write(f"{v:>14,}  {fn}\n")


if __name__ == "__main__":
    main()
