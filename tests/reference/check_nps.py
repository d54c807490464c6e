#!/usr/bin/python3
"""Independent reference test of `nps`: every number it prints against Python.

Runs the built `nps` executable and recomputes each figure with Debian's
numpy / scipy / pandas / statsmodels, from the formulas stated in
shared/PRODUCT.md ("Statistics"), never from the project's code:

  valid answer: an integer 0..10; promoters 9-10 (+1), passives 7-8 (0),
                detractors 0-6 (-1); missing: blank or NA, N/A, null, -, .
                (case-insensitive); invalid: anything else
  NPS   = 100 (pP - pD)                 (shares weighted when --weight)
  v     = pP + pD - (pP - pD)^2
  SE    = 100 sqrt(v / n)               (n = Kish n_eff = (sum w)^2 / sum w^2 when weighted)
  Wald  = NPS -/+ z SE,  z = scipy.stats.norm.ppf(1 - (1 - confidence) / 2)
  adjusted-Wald (Rocks 2016): n' = n + 3, p' = (p n + 3/4) / n' for promoters and
        detractors, then Wald on p', n' (centre is the adjusted NPS)
  bootstrap: percentile interval of resampled rows (checked against numpy within
        Monte-Carlo tolerance, and for determinism)
  Interval bounds are limited to the possible range of NPS, [-100, 100].

Usage: check_nps.py --nps PATH_TO_NPS --root REPO_ROOT [--real-data DIR]
Exit 0 when every check passes, 1 when any fails (each failure is printed),
0 when everything else passes and the real-data file is absent (that section is skipped).
"""
import argparse
import csv
import io
import json
import math
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.weightstats import DescrStatsW

from checking import REL_TOL, Checker, csv_cell_matches


# The missing-answer tokens documented in `nps --help` (compared trimmed, case-insensitively).
MISSING_TOKENS = {"", "na", "n/a", "null", "-", "."}
INT_FIELDS = ["n", "missing", "invalid", "promoters", "passives", "detractors"]
FLOAT_FIELDS = ["pct_promoters", "pct_passives", "pct_detractors", "nps", "se", "ci_low",
                "ci_high"]


# --------------------------------------------------------------------------- checking

C = Checker()
NPS = None  # path of the executable


def run_nps(args, expect_rc=0):
    """Runs nps; returns its stdout (text). A wrong exit status is a failed check."""
    cmd = [NPS] + [str(a) for a in args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    C.check(proc.returncode == expect_rc,
            f"`{' '.join(cmd)}` exited {proc.returncode}, expected {expect_rc}; "
            f"stderr: {proc.stderr.strip()[:500]}")
    return proc.stdout


def run_json(args):
    out = run_nps(list(args) + ["-o", "json"])
    try:
        return json.loads(out)
    except json.JSONDecodeError as e:
        C.check(False, f"`nps {' '.join(map(str, args))} -o json` is not JSON: {e}")
        return None


def describe(args):
    return "nps " + " ".join(str(a) for a in args)


# --------------------------------------------------------------------------- reference

def classify(text):
    """None for a missing answer, 'invalid', or the integer answer 0..10."""
    if text is None:
        return None
    t = str(text).strip()
    if t.lower() in MISSING_TOKENS:
        return None
    if re.fullmatch(r"[0-9]+", t) and int(t) <= 10:
        return int(t)
    return "invalid"


def is_valid(text):
    return isinstance(classify(text), int)


def parse_weight(text):
    try:
        w = float(text)
    except (TypeError, ValueError):
        return None
    return w if math.isfinite(w) and w >= 0 else None


def z_of(confidence):
    return stats.norm.ppf(1 - (1 - confidence) / 2)


def wald(p_prom, p_detr, n, z):
    nps = 100 * (p_prom - p_detr)
    v = p_prom + p_detr - (p_prom - p_detr) ** 2
    se = 100 * math.sqrt(max(v, 0.0) / n)
    return nps, se, nps - z * se, nps + z * se


def reference(scores, weights=None, interval="adjusted-wald", confidence=0.95):
    """All fields nps prints for one group, from raw answer texts (and weight texts)."""
    classes = [classify(s) for s in scores]
    r = {"missing": sum(c is None for c in classes)}
    invalid = sum(c == "invalid" for c in classes)
    vals, ws = [], []
    for i, c in enumerate(classes):
        if c is None or c == "invalid":
            continue
        if weights is not None:
            w = parse_weight(weights[i])
            if w is None:  # a valid answer without a valid weight counts as invalid
                invalid += 1
                continue
            ws.append(w)
        vals.append(c)
    r["invalid"] = invalid
    vals = np.array(vals, dtype=int)
    sign = np.where(vals >= 9, 1, np.where(vals >= 7, 0, -1))
    r["n"] = int(len(vals))
    r["promoters"] = int((sign == 1).sum())
    r["passives"] = int((sign == 0).sum())
    r["detractors"] = int((sign == -1).sum())
    w = np.ones(len(vals)) if weights is None else np.array(ws, dtype=float)
    total = float(w.sum())
    if weights is not None:
        r["weight_total"] = total
        n_eff = total ** 2 / float((w ** 2).sum()) if total > 0 else 0.0
        r["n_eff"] = n_eff
    else:
        n_eff = float(len(vals))
    r["_sign"], r["_w"] = sign, w
    if r["n"] == 0 or total <= 0:
        for f in FLOAT_FIELDS:
            r[f] = None
        return r
    p_prom = float(w[sign == 1].sum()) / total
    p_pass = float(w[sign == 0].sum()) / total
    p_detr = float(w[sign == -1].sum()) / total
    r["pct_promoters"], r["pct_passives"], r["pct_detractors"] = (
        100 * p_prom, 100 * p_pass, 100 * p_detr)
    z = z_of(confidence)
    nps, se, low, high = wald(p_prom, p_detr, n_eff, z)
    r["nps"], r["se"] = nps, se
    if interval == "adjusted-wald":
        n_adj = n_eff + 3
        _, _, low, high = wald((p_prom * n_eff + 0.75) / n_adj, (p_detr * n_eff + 0.75) / n_adj,
                               n_adj, z)
    if interval != "bootstrap":
        r["ci_low"], r["ci_high"] = max(low, -100.0), min(high, 100.0)
    return r


def compare_row(what, row, ref, skip=()):
    """Every field of one printed row against the reference."""
    if row is None:
        C.check(False, f"{what}: no such row in the output")
        return
    for f in INT_FIELDS:
        C.equal(f"{what}: {f}", row.get(f), ref[f])
    for f in FLOAT_FIELDS:
        if f in skip or f not in ref:
            continue
        if ref[f] is None:
            C.equal(f"{what}: {f}", row.get(f), None)
        else:
            C.close(f"{what}: {f}", row.get(f), ref[f])
    if "weight_total" in ref:
        C.close(f"{what}: weight_total", row.get("weight_total"), ref["weight_total"])
        C.close(f"{what}: n_eff", row.get("n_eff"), ref["n_eff"])
    else:
        C.check("weight_total" not in row and "n_eff" not in row,
                f"{what}: weight_total / n_eff printed without --weight")
    C.equal(f"{what}: low_base", row.get("low_base"), ref["n"] < 30)


def group_rows(doc, by):
    """{key tuple: row} of a --by document."""
    return {tuple(g.get(c) for c in by): g for g in doc.get("groups", [])}


def check_document(args, df, score="score", weight=None, by=(), interval="adjusted-wald",
                   confidence=0.95, doc=None):
    """Runs nps (unless doc is given) and checks overall and every group against pandas."""
    what = describe(args)
    if doc is None:
        doc = run_json(args)
    if doc is None:
        return None
    C.equal(f"{what}: interval", doc.get("interval"), interval)
    C.close(f"{what}: confidence", doc.get("confidence"), confidence)
    C.equal(f"{what}: rows", doc.get("rows"), len(df))
    C.equal(f"{what}: weight", doc.get("weight"), weight)
    skip = ("ci_low", "ci_high") if interval == "bootstrap" else ()
    weights = None if weight is None else list(df[weight])
    ref = reference(list(df[score]), weights, interval, confidence)
    overall = doc.get("overall") or {}
    compare_row(f"{what}: overall", overall, ref, skip)
    for row in [overall] + doc.get("groups", []):
        C.equal(f"{what}: row confidence", row.get("confidence"), confidence)
        C.equal(f"{what}: row interval", row.get("interval"), interval)
    if by:
        C.equal(f"{what}: by", doc.get("by"), list(by))
        C.check(all(overall.get(c, "absent") is None for c in by),
                f"{what}: overall row should carry null group keys, got "
                f"{ {c: overall.get(c, 'absent') for c in by} }")
        rows = group_rows(doc, by)
        expected_keys = set()
        for key, part in df.groupby(list(by) if len(by) > 1 else by[0], sort=False):
            key = key if isinstance(key, tuple) else (key,)
            expected_keys.add(key)
            w = None if weight is None else list(part[weight])
            compare_row(f"{what}: group {dict(zip(by, key))}", rows.get(key),
                        reference(list(part[score]), w, interval, confidence), skip)
        C.equal(f"{what}: set of groups", sorted(rows), sorted(expected_keys))
    else:
        C.check("groups" not in doc, f"{what}: groups printed without --by")
    return doc


# --------------------------------------------------------------------------- sections

def check_real_data(real_dir):
    """1. The Carpentries instructor-training survey, read in place."""
    path = pathlib.Path(real_dir) / "carpentries-instructor-training-post.csv"
    if not path.is_file():
        print(f"SKIP real-data checks: {path} is absent")
        return False
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    s = df["LikelyToRecommend"]
    kind = s.apply(lambda t: "valid" if isinstance(classify(t), int) else str(classify(t)))
    valid = s[kind == "valid"].astype(int)
    counts = {
        "n": len(valid),
        "missing": int((kind == "None").sum()),
        "invalid": int((kind == "invalid").sum()),
        "promoters": int((valid >= 9).sum()),
        "passives": int(((valid >= 7) & (valid <= 8)).sum()),
        "detractors": int((valid <= 6).sum()),
    }
    pandas_nps = 100 * (counts["promoters"] - counts["detractors"]) / counts["n"]
    known = {"n": 889, "missing": 78, "invalid": 0, "promoters": 501, "passives": 317,
             "detractors": 71}
    for k, v in known.items():
        C.check(counts[k] == v, f"real data, pandas {k}: expected {v}, pandas counted {counts[k]}")
    C.check(round(pandas_nps, 2) == 48.37,
            f"real data, pandas NPS: expected 48.37, pandas computed {pandas_nps!r}")
    args = [path, "--score", "LikelyToRecommend"]
    doc = check_document(args, df, score="LikelyToRecommend")
    if doc:
        o = doc["overall"]
        for k, v in known.items():
            C.equal(f"{describe(args)}: {k} (known value)", o.get(k), v)
        C.check(isinstance(o.get("nps"), float) and round(o["nps"], 2) == 48.37,
                f"{describe(args)}: NPS expected 48.37 (rounded), nps printed {o.get('nps')!r}")
        C.equal(f"{describe(args)}: score", doc.get("score"), "LikelyToRecommend")
    return True


def check_example(example, df):
    """2. Unweighted example data: overall, --by plan, --by plan,channel, every interval."""
    variants = [("adjusted-wald", 0.95, []), ("wald", 0.95, ["--interval", "wald"]),
                ("adjusted-wald", 0.9, ["--confidence", "0.9"]),
                ("adjusted-wald", 0.99, ["--confidence", "0.99"]),
                ("wald", 0.9, ["--interval", "wald", "--confidence", "0.9"]),
                ("wald", 0.99, ["--interval", "wald", "--confidence", "0.99"]),
                ("adjusted-wald", 0.95, ["--interval", "adjusted"])]
    for interval, confidence, extra in variants:
        for by in [(), ("plan",), ("plan", "channel")]:
            args = [example] + extra + (["--by", ",".join(by)] if by else [])
            check_document(args, df, by=by, interval=interval, confidence=confidence)

    # The point estimate and SE cross-checked another way: mean and population SD of the
    # row-level +1/0/-1 values (numpy / statsmodels), SE = 100 sd / sqrt(n).
    doc = run_json([example])
    ref = reference(list(df["score"]))
    sign = ref["_sign"].astype(float)
    d = DescrStatsW(sign)
    if doc:
        o = doc["overall"]
        C.close("nps examples/responses.csv: NPS vs 100*mean(+1/0/-1) (DescrStatsW)",
                o.get("nps"), 100 * d.mean)
        C.close("nps examples/responses.csv: SE vs 100*std(ddof=0)/sqrt(n) (numpy)",
                o.get("se"), 100 * np.std(sign) / math.sqrt(len(sign)))
        C.close("nps examples/responses.csv: SE vs 100*DescrStatsW.std/sqrt(n)",
                o.get("se"), 100 * d.std / math.sqrt(len(sign)))


def check_weighted(example, df):
    """3. Weighted example data: Kish n_eff, weighted shares, intervals on n_eff."""
    for interval, confidence, extra in [("adjusted-wald", 0.95, []),
                                        ("wald", 0.95, ["--interval", "wald"]),
                                        ("adjusted-wald", 0.9, ["--confidence", "0.9"]),
                                        ("adjusted-wald", 0.99, ["--confidence", "0.99"])]:
        for by in [(), ("region",), ("plan",)]:
            args = [example, "--weight", "weight"] + extra + (["--by", ",".join(by)] if by else [])
            check_document(args, df, weight="weight", by=by, interval=interval,
                           confidence=confidence)

    # Missing answers carry no weight: weight_total is the sum over valid answers only,
    # which differs from the column total.
    args = [example, "--weight", "weight", "--by", "region"]
    doc = run_json(args)
    if not doc:
        return
    valid_mask = df["score"].apply(is_valid)
    w_all = df["weight"].astype(float)
    C.close(f"{describe(args)}: overall weight_total = sum of weights of valid answers",
            doc["overall"].get("weight_total"), float(w_all[valid_mask].sum()))
    C.check(abs(doc["overall"].get("weight_total", 0) - w_all.sum()) > 1,
            f"{describe(args)}: weight_total {doc['overall'].get('weight_total')} equals the "
            f"whole column's total {w_all.sum()}: missing answers were weighted")
    rows = group_rows(doc, ("region",))
    groups = [((None,), doc["overall"], df)] + [((k,), rows.get((k,)), part)
                                                for k, part in df.groupby("region")]
    for key, row, part in groups:
        if row is None:
            continue  # already reported by check_document
        m = part["score"].apply(is_valid)
        s = part["score"][m].astype(int)
        sign = np.where(s >= 9, 1.0, np.where(s >= 7, 0.0, -1.0))
        d = DescrStatsW(sign, weights=part["weight"][m].astype(float).to_numpy())
        C.close(f"{describe(args)}: region {key[0]}: NPS vs 100*DescrStatsW(weights).mean",
                row.get("nps"), 100 * d.mean)


def numpy_bootstrap(sign, w, confidence, samples=10000, seed=20240601, chunk=500):
    """Percentile bootstrap of the (weighted) NPS: resample rows with replacement."""
    rng = np.random.default_rng(seed)
    n = len(sign)
    ws = w * sign
    reps = []
    for start in range(0, samples, chunk):
        idx = rng.integers(0, n, size=(min(chunk, samples - start), n))
        reps.append(100 * ws[idx].sum(axis=1) / w[idx].sum(axis=1))
    reps = np.concatenate(reps)
    alpha = 1 - confidence
    return np.percentile(reps, [100 * alpha / 2, 100 * (1 - alpha / 2)])


def check_bootstrap(example, df):
    """4. Seeded percentile bootstrap: repeatable, seed-dependent, close to numpy's."""
    base = [example, "--interval", "bootstrap", "--seed", "7"]
    for extra in [[], ["--weight", "weight"]]:
        args = base + extra
        first = run_nps(args + ["-o", "json"])
        second = run_nps(args + ["-o", "json"])
        C.check(first == second and first != "",
                f"{describe(args)}: two runs with the same seed printed different output")
        other = run_json([example, "--interval", "bootstrap", "--seed", "8"] + extra)
        this = json.loads(first) if first else None
        if this and other:
            C.check((this["overall"]["ci_low"], this["overall"]["ci_high"])
                    != (other["overall"]["ci_low"], other["overall"]["ci_high"]),
                    f"{describe(args)}: --seed 7 and --seed 8 gave the same interval "
                    f"{this['overall']['ci_low']}, {this['overall']['ci_high']}")
            C.equal(f"{describe(args)}: seed", this.get("seed"), 7)
            C.equal(f"{describe(args)}: bootstrap_samples", this.get("bootstrap_samples"), 2000)

    cases = [((), None, 0.95, []), (("plan",), None, 0.95, []),
             ((), None, 0.9, ["--confidence", "0.9"]),
             ((), "weight", 0.95, ["--weight", "weight"]),
             (("region",), "weight", 0.95, ["--weight", "weight"])]
    for by, weight, confidence, extra in cases:
        args = base + extra + (["--by", ",".join(by)] if by else [])
        # NPS, SE and counts are the same as without the bootstrap.
        doc = check_document(args, df, weight=weight, by=by, interval="bootstrap",
                             confidence=confidence)
        if not doc:
            continue
        parts = [("overall", doc["overall"], df)]
        if by:
            rows = group_rows(doc, by)
            parts += [(f"group {k}", rows.get((k,)), p) for k, p in df.groupby(by[0])]
        for label, row, part in parts:
            if row is None:
                continue
            ref = reference(list(part["score"]),
                            None if weight is None else list(part[weight]))
            lo, hi = numpy_bootstrap(ref["_sign"].astype(float), ref["_w"], confidence)
            # Monte-Carlo tolerance: 1 NPS point, or 0.3 SE for the small, noisy groups
            # (the quantile estimates' own sd is about 0.07 SE at these sizes).
            tol = max(1.0, 0.3 * ref["se"])
            for name, got, want in [("ci_low", row.get("ci_low"), lo),
                                    ("ci_high", row.get("ci_high"), hi)]:
                C.check(isinstance(got, (int, float)) and abs(got - want) <= tol,
                        f"{describe(args)}: {label}: {name} {got!r} vs numpy bootstrap "
                        f"{want:.4f} (tolerance {tol:.2f})")
            C.check(isinstance(row.get("ci_low"), (int, float))
                    and row["ci_low"] <= row["nps"] <= row["ci_high"],
                    f"{describe(args)}: {label}: NPS {row.get('nps')} outside its bootstrap "
                    f"interval [{row.get('ci_low')}, {row.get('ci_high')}]")


def typed(value):
    if isinstance(value, str) and re.fullmatch(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?", value):
        return float(value) if "." in value else int(value)
    return value


def check_output_formats(example):
    """5. JSON, NDJSON and CSV outputs carry the same numbers."""
    for extra in [["--by", "plan"], ["--weight", "weight", "--by", "region"],
                  ["--by", "plan,channel", "--interval", "wald"], []]:
        args = [example] + extra
        what = describe(args)
        doc = run_json(args)
        if not doc:
            continue
        expected = doc.get("groups", []) + [doc["overall"]]
        ndjson = [json.loads(line) for line in run_nps(args + ["-o", "ndjson"]).splitlines()
                  if line.strip()]
        C.equal(f"{what} -o ndjson: number of rows", len(ndjson), len(expected))
        for i, (got, want) in enumerate(zip(ndjson, expected)):
            C.check(got == want, f"{what} -o ndjson: row {i} is {got}, JSON has {want}")
        text = run_nps(args + ["-o", "csv"])
        rows = list(csv.DictReader(io.StringIO(text)))
        C.equal(f"{what} -o csv: number of rows", len(rows), len(expected))
        if rows:
            C.check(set(rows[0]) == set(expected[0]),
                    f"{what} -o csv: columns {sorted(rows[0])} differ from JSON fields "
                    f"{sorted(expected[0])}")
        for i, (got, want) in enumerate(zip(rows, expected)):
            for field, value in want.items():
                cell = got.get(field)
                C.check(csv_cell_matches(cell, value),
                        f"{what} -o csv: row {i} {field} is {cell!r}, JSON has {value!r}")
        # pandas reads the same numbers from the CSV.
        frame = pd.read_csv(io.StringIO(text), float_precision="round_trip")
        for col in ["n", "nps", "se", "ci_low", "ci_high"]:
            C.check(list(frame[col]) == [r[col] for r in expected],
                    f"{what} -o csv read by pandas: column {col} {list(frame[col])} differs "
                    f"from JSON {[r[col] for r in expected]}")


def check_input_formats(example, df, tmp):
    """6. The same data as NDJSON, JSON array, TSV and semicolon CSV gives the same JSON, but for
    the input fact, which names the format each was read as."""
    records = [{k: (None if v == "" else v) for k, v in row.items()}
               for row in df.to_dict(orient="records")]
    files = {}
    p = tmp / "responses.ndjson"  # every value a string, blanks null
    p.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                 encoding="utf-8")
    files["NDJSON (strings)"] = p
    p = tmp / "responses_typed.ndjson"  # numbers as JSON numbers
    p.write_text("".join(json.dumps({k: typed(v) for k, v in r.items()}, ensure_ascii=False)
                         + "\n" for r in records), encoding="utf-8")
    files["NDJSON (numbers)"] = p
    p = tmp / "responses.json"  # one JSON array
    p.write_text(json.dumps([{k: typed(v) for k, v in r.items()} for r in records],
                            ensure_ascii=False, indent=1), encoding="utf-8")
    files["JSON array"] = p
    p = tmp / "responses.tsv"
    df.to_csv(p, sep="\t", index=False)
    files["TSV"] = p
    p = tmp / "responses_semicolon.csv"
    df.to_csv(p, sep=";", index=False)
    files["semicolon CSV (sniffed)"] = p
    # Sanity of the generated files themselves.
    C.check(pd.read_csv(files["TSV"], sep="\t", dtype=str, keep_default_na=False).equals(df),
            "generated TSV does not read back as the example data")
    C.check(pd.read_csv(files["semicolon CSV (sniffed)"], sep=";", dtype=str,
                        keep_default_na=False).equals(df),
            "generated semicolon CSV does not read back as the example data")

    def reading(format, delimiter):
        return [{"format": format, "delimiter": delimiter, "encoding": "utf-8",
                 "encoding_source": "default", "preset": None, "skip_rows": 0}]
    read_as = {"NDJSON (strings)": reading("ndjson", None),
               "NDJSON (numbers)": reading("ndjson", None),
               "JSON array": reading("json", None), "TSV": reading("tsv", "\t"),
               "semicolon CSV (sniffed)": reading("csv", ";")}
    for extra in [["--by", "plan"], ["--weight", "weight", "--by", "region"]]:
        want = run_json([example] + extra)
        if want is not None:
            C.check(want.get("input") == reading("csv", ","),
                    f"{describe([example] + extra)}: input {want.get('input')}")
        for label, path in files.items():
            got = run_json([path] + extra)
            if want is None or got is None:
                continue
            C.check(got.get("input") == read_as[label],
                    f"{describe([path] + extra)} ({label}): input {got.get('input')}")
            got = dict(got, input=want.get("input"))
            if got != want:
                diffs = [k for k in set(want) | set(got) if want.get(k) != got.get(k)]
                C.check(False, f"{describe([path] + extra)} ({label}) differs from the CSV's "
                               f"JSON in {sorted(diffs)}: {[(k, got.get(k)) for k in diffs][:3]}"
                               f" vs {[(k, want.get(k)) for k in diffs][:3]}")
            else:
                C.check(True, "")


def check_hand_cases(tmp):
    """7. Small cases worked by hand."""
    z95 = 1.959963984540054  # norm.ppf(0.975)
    C.close("scipy z for 95%", z_of(0.95), z95)

    # (a) 10,9,9,8,7,6,5,0,blank,N/A: n = 8, P = 3 (10,9,9), passives 2 (8,7), D = 3 (6,5,0),
    # missing 2. pP = pD = 3/8 -> NPS 0; v = 3/8 + 3/8 - 0 = 3/4; SE = 100 sqrt(0.75/8)
    # = 30.6186...; Wald: 0 -/+ 1.96 * 30.6186 = -/+ 60.0114.
    # Adjusted-Wald: n' = 11, p'P = p'D = 3.75/11, NPS' = 0, v' = 7.5/11,
    # SE' = 100 sqrt(7.5/11/11) = 100 sqrt(7.5)/11 = 24.8965 -> -/+ 48.7962.
    p = tmp / "hand_a.csv"
    p.write_text("id,score\n1,10\n2,9\n3,9\n4,8\n5,7\n6,6\n7,5\n8,0\n9,\n10,N/A\n")
    counts = {"n": 8, "missing": 2, "invalid": 0, "promoters": 3, "passives": 2, "detractors": 3}
    se = 100 * math.sqrt(0.75 / 8)
    se_adj = 100 * math.sqrt(7.5) / 11
    C.close("hand (a) SE by hand", se, 30.618621784789724)
    C.close("hand (a) adjusted SE by hand", se_adj, 24.89647988659846)
    base = dict(counts, pct_promoters=37.5, pct_passives=25.0, pct_detractors=37.5, nps=0.0,
                se=se, low_base=True)
    for args, lo, hi in [([p], -z95 * se_adj, z95 * se_adj),
                         ([p, "--interval", "wald"], -z95 * se, z95 * se)]:
        doc = run_json(args)
        if doc:
            for k, v in dict(base, ci_low=lo, ci_high=hi).items():
                check_value(f"{describe(args)}: {k}", doc["overall"].get(k), v)
    C.close("hand (a) Wald half-width", z95 * se, 60.01139595444137)
    C.close("hand (a) adjusted half-width", z95 * se_adj, 48.79620391955883)

    # (b) five promoters (10,10,9,9,10), invalid 11, 7.5, ten, -1 (4), missing blank, NA,
    # null, -, . (5). NPS = 100, v = 1 - 1 = 0, SE = 0, Wald [100, 100].
    # Adjusted: n' = 8, p'P = 5.75/8 = 0.71875, p'D = 0.75/8 = 0.09375, NPS' = 62.5,
    # v' = 0.8125 - 0.625^2 = 0.421875, SE' = 100 sqrt(0.421875/8) = 22.9640;
    # 62.5 -/+ 1.96 * 22.9640 = [17.4915, 107.5085] -> upper limited to 100.
    p = tmp / "hand_b.csv"
    p.write_text("id,score\n1,10\n2,10\n3,9\n4,9\n5,10\n6,11\n7,7.5\n8,ten\n9,-1\n"
                 "10,\n11,NA\n12,null\n13,-\n14,.\n")
    se_b = 100 * math.sqrt(0.421875 / 8)
    base = {"n": 5, "missing": 5, "invalid": 4, "promoters": 5, "passives": 0, "detractors": 0,
            "pct_promoters": 100.0, "pct_passives": 0.0, "pct_detractors": 0.0, "nps": 100.0,
            "se": 0.0}
    for args, lo, hi in [([p], 62.5 - z95 * se_b, 100.0),
                         ([p, "--interval", "wald"], 100.0, 100.0)]:
        doc = run_json(args)
        if doc:
            for k, v in dict(base, ci_low=lo, ci_high=hi).items():
                check_value(f"{describe(args)}: {k}", doc["overall"].get(k), v)
    C.close("hand (b) adjusted lower bound", 62.5 - z95 * se_b, 17.49145303416897)

    # (c) weighted: 10 (w 2), 9 (w 1), 7 (w 1), 3 (w 0.5); blank (w 100) and N/A (w 50) are
    # missing and carry no weight; 8 with weight "abc" is invalid.
    # W = 4.5, pP = 3/4.5 = 2/3, pPass = 2/9, pD = 1/9; NPS = 100 (2/3 - 1/9) = 500/9;
    # sum w^2 = 6.25, n_eff = 4.5^2 / 6.25 = 3.24; v = 7/9 - (5/9)^2 = 38/81;
    # SE = 100 sqrt(38/81 / 3.24). Adjusted: n' = 6.24, p'P = (2.16 + .75)/6.24 = 2.91/6.24,
    # p'D = (0.36 + .75)/6.24 = 1.11/6.24, NPS' = 100 * 1.8/6.24 = 28.846,
    # v' = 4.02/6.24 - (1.8/6.24)^2, SE' = 100 sqrt(v'/6.24).
    p = tmp / "hand_c.csv"
    p.write_text("id,score,w\n1,10,2\n2,9,1\n3,7,1\n4,3,0.5\n5,,100\n6,N/A,50\n7,8,abc\n")
    se_c = 100 * math.sqrt(38 / 81 / 3.24)
    a, b = 2.91 / 6.24, 1.11 / 6.24
    centre, se_c_adj = 100 * (a - b), 100 * math.sqrt((a + b - (a - b) ** 2) / 6.24)
    C.close("hand (c) adjusted centre", centre, 100 * 1.8 / 6.24)
    expected = {"n": 4, "missing": 2, "invalid": 1, "promoters": 2, "passives": 1,
                "detractors": 1, "pct_promoters": 200 / 3, "pct_passives": 200 / 9,
                "pct_detractors": 100 / 9, "nps": 500 / 9, "se": se_c,
                "weight_total": 4.5, "n_eff": 3.24,
                "ci_low": centre - z95 * se_c_adj, "ci_high": centre + z95 * se_c_adj}
    args = [p, "--weight", "w"]
    doc = run_json(args)
    if doc:
        for k, v in expected.items():
            check_value(f"{describe(args)}: {k}", doc["overall"].get(k), v)
    # ... and the generic reference agrees with the hand figures.
    ref = reference(["10", "9", "7", "3", "", "N/A", "8"], ["2", "1", "1", "0.5", "100", "50",
                                                             "abc"])
    for k, v in expected.items():
        C.close(f"hand (c) reference {k}", ref[k], v)


def check_value(what, actual, expected):
    if isinstance(expected, bool) or (isinstance(expected, int) and not isinstance(expected,
                                                                                   float)):
        C.equal(what, actual, expected)
    else:
        C.close(what, actual, expected)


# --------------------------------------------------------------------------- main

def main():
    global NPS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nps", required=True, help="the built nps executable")
    ap.add_argument("--root", required=True, help="the repository root")
    ap.add_argument("--real-data", help="folder of the real data sets (default: "
                    "$KOE_REAL_DATA, else ROOT/../shared/data/real)")
    opts = ap.parse_args()
    NPS = os.path.abspath(opts.nps)
    root = pathlib.Path(opts.root).resolve()
    real = pathlib.Path(opts.real_data or os.environ.get("KOE_REAL_DATA")
                        or root.parent / "shared" / "data" / "real")
    if not os.access(NPS, os.X_OK):
        print(f"FAIL: {NPS} is not an executable")
        return 1
    start = time.monotonic()
    example = root / "examples" / "responses.csv"
    df = pd.read_csv(example, dtype=str, keep_default_na=False)

    sections = [
        ("hand-worked cases", lambda tmp: check_hand_cases(tmp)),
        ("real data", lambda tmp: check_real_data(real)),
        ("example data, unweighted", lambda tmp: check_example(example, df)),
        ("example data, weighted", lambda tmp: check_weighted(example, df)),
        ("bootstrap", lambda tmp: check_bootstrap(example, df)),
        ("output formats", lambda tmp: check_output_formats(example)),
        ("input formats", lambda tmp: check_input_formats(example, df, tmp)),
    ]
    real_present = True
    with tempfile.TemporaryDirectory(prefix="check_nps.") as tmp:
        for name, fn in sections:
            before_checks, before_fail = C.count, len(C.failures)
            t0 = time.monotonic()
            result = fn(pathlib.Path(tmp))
            if name == "real data":
                real_present = result
            print(f"  {name}: {C.count - before_checks} checks, "
                  f"{len(C.failures) - before_fail} failed ({time.monotonic() - t0:.1f} s)")
    elapsed = time.monotonic() - start
    print(f"check_nps: {C.count} checks, {len(C.failures)} failed, {elapsed:.1f} s")
    if C.failures:
        return 1
    return 0  # an absent real-data file skips only its own section (reported above)


if __name__ == "__main__":
    sys.exit(main())
