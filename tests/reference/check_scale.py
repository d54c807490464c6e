#!/usr/bin/python3
"""Independent reference test of `csat` and `ces`: every number they print against Python.

Runs the built `csat` and `ces` executables and recomputes each figure with Debian's
numpy / scipy / pandas / statsmodels, from the formulas stated in shared/PRODUCT.md
("Statistics") and the tools' --help, never from the project's code:

  valid answer: an integer LOW..HIGH of --scale (also written 4.0 or with full-width
                digits), or a known answer label (built-in English / Japanese 5- and 7-point
                sets, or the --labels map, which replaces them); labels match trimmed,
                ASCII-case-insensitively, with runs of blanks collapsed
  missing:      blank or NA, N/A, #N/A, null, None, NaN, -, . (trimmed, any case),
                and the --na codes (trimmed); invalid: anything else
  boxes:        csat: the top two points (scales of 4+ points), the bottom box mirrors it;
                ces: 1-7, agree 5-7, disagree 1-3; ces --lower-is-better: 1-5, favourable
                1-2, unfavourable 4-5; --top-box / --bottom-box override ("1,3-4")
  shares:       pct_top_box = 100 sum(w in box) / sum w (weighted when --weight)
  n_eff         = (sum w)^2 / sum w^2 (Kish); n when unweighted
  Wilson        on (share, n_eff), z = norm.ppf(1 - (1 - confidence) / 2); unweighted
                checked against statsmodels proportion_confint(method="wilson")
  mean          = sum w x / sum w
  sd            unweighted numpy ddof=1; weighted numpy.cov(x, aweights=w) (reliability
                weights) = sum w (x - m)^2 / sum w * n_eff / (n_eff - 1)
  mean interval m -/+ t.ppf(1 - alpha/2, n_eff - 1) sd / sqrt(n_eff), limited to the scale
  undefined values (no valid answers, zero total weight; sd and the mean interval when
                n_eff <= 1) are null
  low_base      n < --min-n (default 30)

Usage: check_scale.py --csat PATH --ces PATH --root REPO_ROOT [--real-data DIR]
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
from statsmodels.stats.proportion import proportion_confint

from checking import REL_TOL, Checker, csv_cell_matches


# The missing-answer tokens (compared trimmed, case-insensitively).
MISSING_TOKENS = {"", "na", "n/a", "#n/a", "null", "none", "nan", "-", "."}
# Blanks trimmed from answers: ASCII white space, no-break space, ideographic space.
BLANKS = " \t\r\n\u00a0\u3000"
INT_FIELDS = ["n", "missing", "invalid", "top_box", "bottom_box"]
FLOAT_FIELDS = ["pct_top_box", "top_box_ci_low", "top_box_ci_high", "pct_bottom_box", "mean",
                "sd", "mean_ci_low", "mean_ci_high"]
INVALID = "invalid"

# Answer labels, written out here from the survey wordings (not read from the project).
EN_AGREE_5 = {"strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3,
              "agree": 4, "strongly agree": 5}
EN_SATISFIED_5 = {"very dissatisfied": 1, "dissatisfied": 2,
                  "neither satisfied nor dissatisfied": 3, "satisfied": 4, "very satisfied": 5}
EN_EFFORT_5 = {"very low effort": 1, "low effort": 2, "high effort": 4, "very high effort": 5}
# 満足 and 不満 are not built in: their place differs between common wordings.
JA_SATISFIED_5 = {"非常に不満": 1, "やや不満": 2, "どちらでもない": 3, "普通": 3, "やや満足": 4,
                  "非常に満足": 5}
BUILTIN_5 = {**EN_AGREE_5, **EN_SATISFIED_5, **EN_EFFORT_5, **JA_SATISFIED_5}
# CES 2.0: 7-point agreement ("agree" is 6 here, not 4).
BUILTIN_7 = {"strongly disagree": 1, "disagree": 2, "somewhat disagree": 3,
             "neither agree nor disagree": 4, "somewhat agree": 5, "agree": 6,
             "strongly agree": 7}


# --------------------------------------------------------------------------- checking

C = Checker()
TOOLS = {}  # "csat" / "ces" -> path of the executable


def describe(tool, args):
    return tool + " " + " ".join(str(a) for a in args)


def run_tool(tool, args, expect_rc=0):
    """Runs csat or ces; returns (stdout, stderr). A wrong exit status is a failed check."""
    cmd = [TOOLS[tool]] + [str(a) for a in args]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except OSError as e:
        C.check(False, f"`{describe(tool, args)}` could not be run: {e}")
        return "", ""
    except subprocess.TimeoutExpired:
        C.check(False, f"`{describe(tool, args)}` did not finish within 60 s")
        return "", ""
    C.check(proc.returncode == expect_rc,
            f"`{describe(tool, args)}` exited {proc.returncode}, expected {expect_rc}; "
            f"stderr: {proc.stderr.strip()[:500]}")
    return proc.stdout, proc.stderr


def run_json(tool, args):
    out, _ = run_tool(tool, list(args) + ["-o", "json"])
    try:
        return json.loads(out)
    except json.JSONDecodeError as e:
        C.check(False, f"`{describe(tool, args)} -o json` is not JSON: {e}")
        return None


# --------------------------------------------------------------------------- reference

def strip_blanks(text):
    return str(text).strip(BLANKS)


def fold_label(text):
    """Trimmed, ASCII letters lowercased, runs of spaces/tabs collapsed to one space."""
    t = re.sub(r"[ \t]+", " ", strip_blanks(text))
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in t)


def classify(text, low, high, na=(), labels=None):
    """None for a missing answer, INVALID, or the scale point."""
    t = strip_blanks("" if text is None else text)
    if t.lower() in MISSING_TOKENS:
        return None
    if t in {strip_blanks(c) for c in na}:
        return None
    digits = "".join(chr(ord(c) - 0xFF10 + 0x30) if "\uff10" <= c <= "\uff19" else c for c in t)
    m = re.fullmatch(r"[+-]?([0-9]{1,9})(\.0+)?", digits)
    if m:
        value = int(digits.split(".")[0])
    elif labels is not None and fold_label(t) in labels:
        value = labels[fold_label(t)]
    else:
        return INVALID
    return value if low <= value <= high else INVALID


def parse_weight(text):
    t = strip_blanks("" if text is None else text)
    if not re.fullmatch(r"\+?[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?|\+?[0-9]+\.", t):
        return None
    w = float(t)
    return w if math.isfinite(w) and w >= 0 else None


def z_of(confidence):
    return stats.norm.ppf(1 - (1 - confidence) / 2)


def wilson(p, n, z):
    """Wilson score interval (percent) for a share p on n (effective) answers, by hand."""
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return 100 * (centre - half), 100 * (centre + half)


def reference(texts, spec, weights=None):
    """All fields csat/ces print for one group, from raw answer texts (and weight texts)."""
    low, high = spec["low"], spec["high"]
    missing = invalid = 0
    vals, ws = [], []
    for i, text in enumerate(texts):
        c = classify(text, low, high, spec.get("na", ()), spec.get("labels"))
        if c is None:
            missing += 1
            continue
        if c == INVALID:
            invalid += 1
            continue
        if weights is not None:
            w = parse_weight(weights[i])
            if w is None:  # a valid answer without a valid weight counts as invalid
                invalid += 1
                continue
            ws.append(w)
        vals.append(c)
    x = np.array(vals, dtype=float)
    w = np.ones(len(x)) if weights is None else np.array(ws, dtype=float)
    top = np.isin(x, sorted(spec["top"]))
    bottom = np.isin(x, sorted(spec["bottom"]))
    r = {"n": len(x), "missing": missing, "invalid": invalid,
         "top_box": int(top.sum()), "bottom_box": int(bottom.sum()),
         "distribution": {str(p): int((x == p).sum()) for p in range(low, high + 1)},
         "confidence": spec.get("confidence", 0.95),
         "low_base": len(x) < spec.get("min_n", 30)}
    total = float(w.sum())
    squares = float((w ** 2).sum())
    n_eff = float(len(x))
    if weights is not None:
        n_eff = total ** 2 / squares if squares > 0 else 0.0
        r["weight_total"], r["n_eff"] = total, n_eff
    r["_x"], r["_w"] = x, w
    for f in FLOAT_FIELDS:
        r[f] = None
    if len(x) == 0 or total <= 0 or n_eff <= 0:
        return r
    confidence = r["confidence"]
    z = z_of(confidence)
    p_top = float(w[top].sum()) / total
    r["pct_top_box"] = 100 * p_top
    r["pct_bottom_box"] = 100 * float(w[bottom].sum()) / total
    lo, hi = wilson(p_top, n_eff, z)
    if weights is None:
        sm_lo, sm_hi = proportion_confint(r["top_box"], len(x), alpha=1 - confidence,
                                          method="wilson")
        # The reference agrees with itself: hand formula vs statsmodels.
        C.close("reference: hand Wilson low vs statsmodels", lo, 100 * sm_lo)
        C.close("reference: hand Wilson high vs statsmodels", hi, 100 * sm_hi)
        lo, hi = 100 * sm_lo, 100 * sm_hi
    r["top_box_ci_low"], r["top_box_ci_high"] = lo, hi
    mean = float(np.average(x, weights=w))
    r["mean"] = mean
    if n_eff <= 1:
        return r
    if weights is None:
        sd = float(np.std(x, ddof=1))
    else:
        sd = math.sqrt(float(np.cov(x, aweights=w)))
        hand = math.sqrt(float((w * (x - mean) ** 2).sum()) / total * n_eff / (n_eff - 1))
        C.close("reference: weighted sd, numpy.cov(aweights) vs the n_eff form", sd, hand)
    r["sd"] = sd
    half = stats.t.ppf(1 - (1 - confidence) / 2, n_eff - 1) * sd / math.sqrt(n_eff)
    r["mean_ci_low"], r["mean_ci_high"] = max(mean - half, low), min(mean + half, high)
    return r


def compare_row(what, row, ref):
    """Every field of one printed row against the reference."""
    if row is None:
        C.check(False, f"{what}: no such row in the output")
        return
    for f in INT_FIELDS:
        C.equal(f"{what}: {f}", row.get(f), ref[f])
    for f in FLOAT_FIELDS:
        if ref[f] is None:
            C.equal(f"{what}: {f}", row.get(f), None)
        else:
            C.close(f"{what}: {f}", row.get(f), ref[f])
    dist = row.get("distribution")
    C.check(isinstance(dist, dict) and list(dist) == list(ref["distribution"]),
            f"{what}: distribution keys: expected {list(ref['distribution'])}, printed "
            f"{list(dist) if isinstance(dist, dict) else dist!r}")
    if isinstance(dist, dict):
        for point, count in ref["distribution"].items():
            C.equal(f"{what}: distribution[{point}]", dist.get(point), count)
    C.close(f"{what}: confidence", row.get("confidence"), ref["confidence"])
    if "weight_total" in ref:
        C.close(f"{what}: weight_total", row.get("weight_total"), ref["weight_total"])
        C.close(f"{what}: n_eff", row.get("n_eff"), ref["n_eff"])
    else:
        C.check("weight_total" not in row and "n_eff" not in row,
                f"{what}: weight_total / n_eff printed without --weight")
    C.equal(f"{what}: low_base", row.get("low_base"), ref["low_base"])


def group_rows(doc, by):
    """{key tuple: row} of a --by document."""
    return {tuple(g.get(c) for c in by): g for g in doc.get("groups", [])}


def make_spec(low, high, top, bottom, *, na=(), labels=None, confidence=0.95, min_n=30):
    return {"low": low, "high": high, "top": set(top), "bottom": set(bottom), "na": tuple(na),
            "labels": labels, "confidence": confidence, "min_n": min_n}


def check_document(tool, args, df, score, spec, facts, weight=None, by=()):
    """Runs the tool and checks the document facts, overall and every group against pandas.

    facts: the expected document facts scale, top_box, bottom_box, lower_is_better, labels.
    """
    what = describe(tool, args)
    doc = run_json(tool, args)
    if doc is None:
        return None
    expected_facts = dict(facts, tool=tool, score=score, weight=weight,
                          confidence=spec["confidence"], low_base_under=spec["min_n"],
                          rows=len(df), intervals={"top_box": "wilson", "mean": "t"})
    for key, value in expected_facts.items():
        if isinstance(value, float):
            C.close(f"{what}: {key}", doc.get(key), value)
        else:
            C.equal(f"{what}: {key}", doc.get(key), value)
    weights = None if weight is None else list(df[weight])
    overall = doc.get("overall") or {}
    compare_row(f"{what}: overall", overall, reference(list(df[score]), spec, weights))
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
                        reference(list(part[score]), spec, w))
        C.equal(f"{what}: set of groups", sorted(rows), sorted(expected_keys))
    else:
        C.check("groups" not in doc, f"{what}: groups printed without --by")
    return doc


def csat_facts(low, high, top, bottom, labels):
    return {"scale": f"{low}-{high}", "top_box": top, "bottom_box": bottom,
            "lower_is_better": False, "labels": labels}


def check_value(what, actual, expected):
    if expected is None or isinstance(expected, bool) or (
            isinstance(expected, int) and not isinstance(expected, float)):
        C.equal(what, actual, expected)
    else:
        C.close(what, actual, expected)


def write_csv(path, header, rows, encoding="utf-8"):
    with open(path, "w", newline="", encoding=encoding) as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def read_str_csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------- sections

def check_hand_cases(tmp):
    """1. Small cases worked by hand (the figures below are written out, not computed)."""
    z95 = 1.959963984540054  # norm.ppf(0.975)
    C.close("scipy z for 95%", z_of(0.95), z95)

    # (a) 5,4,4,3,1 valid; blank and N/A missing; 6 (off the scale), 4.5, ten invalid.
    # n = 5, top (4-5) 3 = 60%, bottom (1-2) 1 = 20%, mean 17/5 = 3.4,
    # squares 1.6^2 + 2(0.6^2) + 0.4^2 + 2.4^2 = 9.2, sd = sqrt(9.2/4) = sqrt(2.3);
    # Wilson(0.6, 5): [23.0724..., 88.2379...];
    # t(4) = 2.7764451051977987: 3.4 -/+ 2.77645 * 1.51658 / sqrt 5 = [1.51692, 5.28308]
    # -> upper limited to 5.
    p = tmp / "hand_a.csv"
    p.write_text("id,x\n1,5\n2,4\n3,4\n4,3\n5,1\n6,\n7,N/A\n8,6\n9,4.5\n10,ten\n")
    expected = {"n": 5, "missing": 2, "invalid": 3, "top_box": 3, "bottom_box": 1,
                "pct_top_box": 60.0, "pct_bottom_box": 20.0,
                "top_box_ci_low": 23.07242812760128, "top_box_ci_high": 88.2379225767352,
                "mean": 3.4, "sd": math.sqrt(2.3), "mean_ci_low": 1.5169233116515581,
                "mean_ci_high": 5.0, "low_base": True}
    C.close("hand (a) t(4) quantile", stats.t.ppf(0.975, 4), 2.7764451051977987)
    args = [p, "--score", "x"]
    doc = run_json("csat", args)
    if doc:
        for k, v in expected.items():
            check_value(f"{describe('csat', args)}: {k}", doc["overall"].get(k), v)
        C.equal(f"{describe('csat', args)}: distribution", doc["overall"].get("distribution"),
                {"1": 1, "2": 0, "3": 1, "4": 2, "5": 1})

    # (b) weighted: 3 (w 2), 3 (w 1), 4 (w 1), 2 (w 0.5), 3 (w 1.5), 5 (w 0); blank (w 100)
    # missing; 2 with weight "abc", 4 with weight -1 and 5 with an empty weight invalid.
    # n = 6 (the zero weight counts as an answer), W = 6, sum w^2 = 8.5, n_eff = 72/17;
    # mean = 18.5/6 = 37/12; top 4-5: 1/6; bottom 1-2: 0.5/6;
    # sum w (x-m)^2 = (4.5 + 121 + 84.5)/144 = 210/144, sd^2 = 210/144/6 * (72/17)/(55/17)
    # = 7/22; t(55/17) = 3.0554333915309573.
    p = tmp / "hand_b.csv"
    p.write_text("id,x,w\n1,3,2\n2,3,1\n3,4,1\n4,2,0.5\n5,3,1.5\n6,5,0\n7,,100\n8,2,abc\n"
                 "9,4,-1\n10,5,\n")
    n_eff = 72 / 17
    sd = math.sqrt(7 / 22)
    t = 3.0554333915309573
    C.close("hand (b) t(55/17) quantile", stats.t.ppf(0.975, n_eff - 1), t)
    expected = {"n": 6, "missing": 1, "invalid": 3, "top_box": 2, "bottom_box": 1,
                "pct_top_box": 100 / 6, "pct_bottom_box": 50 / 6,
                "top_box_ci_low": 2.3224497341753803, "top_box_ci_high": 62.71883067492171,
                "mean": 37 / 12, "sd": sd, "mean_ci_low": 37 / 12 - t * sd / math.sqrt(n_eff),
                "mean_ci_high": 37 / 12 + t * sd / math.sqrt(n_eff), "weight_total": 6.0,
                "n_eff": n_eff, "low_base": True}
    C.close("hand (b) Wilson low by formula", wilson(1 / 6, n_eff, z95)[0], 2.3224497341753803)
    args = [p, "--score", "x", "--weight", "w"]
    doc = run_json("csat", args)
    if doc:
        for k, v in expected.items():
            check_value(f"{describe('csat', args)}: {k}", doc["overall"].get(k), v)
        C.equal(f"{describe('csat', args)}: distribution", doc["overall"].get("distribution"),
                {"1": 0, "2": 1, "3": 3, "4": 1, "5": 1})
    # ... and the generic reference agrees with the hand figures.
    spec = make_spec(1, 5, [4, 5], [1, 2])
    ref = reference(["3", "3", "4", "2", "3", "5", "", "2", "4", "5"], spec,
                    ["2", "1", "1", "0.5", "1.5", "0", "100", "abc", "-1", ""])
    for k, v in expected.items():
        check_value(f"hand (b) reference {k}", ref[k], v)

    # (d) every missing token, in several cases and padded with no-break / ideographic
    # spaces, is missing; numbers written 4.00, with full-width digits or padded are valid.
    tokens = ["NA", "na", "N/A", "n/a", "#N/A", "NULL", "null", "None", "NONE", "NaN", "nan",
              "-", ".", " ", "\u00a0N/A\u00a0", "\u3000", "\u3000null "]
    answers = ["4.00", "５", " 3 ", "\u00a02\u00a0", "1.0", "4\u3000"]
    p = tmp / "hand_d.csv"
    write_csv(p, ["x"], [[t] for t in tokens + answers])
    args = [p, "--score", "x"]
    doc = run_json("csat", args)
    if doc:
        o = doc["overall"]
        for k, v in {"n": 6, "missing": len(tokens), "invalid": 0, "top_box": 3,
                     "bottom_box": 2, "mean": 19 / 6}.items():
            check_value(f"{describe('csat', args)}: {k}", o.get(k), v)
    C.equal("hand (d) reference classifies every token as missing",
            [classify(t, 1, 5) for t in tokens], [None] * len(tokens))

    # (c) groups without a defined statistic: no valid answer (all null), one answer
    # (sd and mean interval null), zero total weight (shares and mean null).
    p = tmp / "hand_c.csv"
    p.write_text("g,x,w\nnone,,1\nnone,N/A,1\none,2,1\nzero,5,0\nzero,4,0\n")
    df = read_str_csv(p)
    check_document("csat", [p, "--score", "x", "--by", "g"], df, "x", spec,
                   csat_facts(1, 5, "4-5", "1-2", "built-in"), by=("g",))
    check_document("csat", [p, "--score", "x", "--by", "g", "--weight", "w"], df, "x", spec,
                   csat_facts(1, 5, "4-5", "1-2", "built-in"), weight="w", by=("g",))


def check_real_data(real_dir):
    """2. The Carpentries instructor-training survey (agreement labels), read in place."""
    path = pathlib.Path(real_dir) / "carpentries-instructor-training-post.csv"
    if not path.is_file():
        print(f"SKIP real-data checks: {path} is absent")
        return False
    df = read_str_csv(path)
    mapping = {"Strongly Disagree": 1, "Disagree": 2, "Neither Agree nor Disagree": 3,
               "Agree": 4, "Strongly Agree": 5}
    known = {"AtmosphereWelcoming": {"n": 909, "missing": 58, "invalid": 0, "top_box": 883,
                                     "bottom_box": 11},
             "LearnedSkills": {"n": 911, "missing": 56, "invalid": 0, "top_box": 873,
                               "bottom_box": 14}}
    spec = make_spec(1, 5, [4, 5], [1, 2], labels=EN_AGREE_5)
    facts = csat_facts(1, 5, "4-5", "1-2", "built-in")
    for column, counts in known.items():
        # The mapping done directly with pandas, independently of classify().
        s = df[column]
        values = s.map(mapping)
        blank = s.str.strip() == ""
        valid = values.dropna().astype(int)
        pandas_counts = {"n": len(valid), "missing": int(blank.sum()),
                         "invalid": int((values.isna() & ~blank).sum()),
                         "top_box": int((valid >= 4).sum()), "bottom_box": int((valid <= 2).sum())}
        for k, v in counts.items():
            C.check(pandas_counts[k] == v,
                    f"real data {column}, pandas {k}: expected {v}, pandas counted "
                    f"{pandas_counts[k]}")
        args = [path, "--score", column]
        what = describe("csat", args)
        doc = check_document("csat", args, df, column, spec, facts)
        if not doc:
            continue
        o = doc["overall"]
        for k, v in counts.items():
            C.equal(f"{what}: {k} (known value)", o.get(k), v)
        # Every number again straight from the pandas mapping (mean, sd, Wilson, t).
        n = len(valid)
        z = z_of(0.95)
        lo, hi = proportion_confint(counts["top_box"], n, alpha=0.05, method="wilson")
        half = stats.t.ppf(0.975, n - 1) * valid.std(ddof=1) / math.sqrt(n)
        for k, v in {"pct_top_box": 100 * counts["top_box"] / n,
                     "pct_bottom_box": 100 * counts["bottom_box"] / n,
                     "top_box_ci_low": 100 * lo, "top_box_ci_high": 100 * hi,
                     "mean": valid.mean(), "sd": valid.std(ddof=1),
                     "mean_ci_low": max(valid.mean() - half, 1),
                     "mean_ci_high": min(valid.mean() + half, 5)}.items():
            C.close(f"{what}: {k} (pandas mapping)", o.get(k), float(v))
        C.close(f"{what}: Wilson low by hand", o.get("top_box_ci_low"),
                wilson(counts["top_box"] / n, n, z)[0])
        dist = {str(p): int((valid == p).sum()) for p in range(1, 6)}
        C.equal(f"{what}: distribution (pandas mapping)", o.get("distribution"), dist)
    # Grouped, and at another confidence level.
    check_document("csat", [path, "--score", "LearnedSkills", "--by", "WhenTaking"], df,
                   "LearnedSkills", spec, facts, by=("WhenTaking",))
    check_document("csat", [path, "--score", "AtmosphereWelcoming", "--confidence", "0.99"], df,
                   "AtmosphereWelcoming", dict(spec, confidence=0.99), facts)
    # "Pace" answers (Just right, Slightly slow ...) are no known labels: all invalid,
    # blanks missing, nothing defined.
    args = [path, "--score", "Pace"]
    doc = check_document("csat", args, df, "Pace", spec, facts)
    if doc:
        C.equal(f"{describe('csat', args)}: invalid (known value)", doc["overall"].get("invalid"),
                909)
    return True


def check_example_csat(example, df):
    """3. csat on the example data: overall, groups, confidence, weights, --min-n."""
    spec = make_spec(1, 5, [4, 5], [1, 2])
    facts = csat_facts(1, 5, "4-5", "1-2", "built-in")
    for extra, by, conf in [([], (), 0.95), (["--by", "plan"], ("plan",), 0.95),
                            (["--by", "plan,channel"], ("plan", "channel"), 0.95),
                            (["--confidence", "0.9"], (), 0.9),
                            (["--confidence", "0.9", "--by", "plan"], ("plan",), 0.9),
                            (["--confidence", "0.99", "--by", "region"], ("region",), 0.99)]:
        check_document("csat", [example] + extra, df, "csat", dict(spec, confidence=conf), facts,
                       by=by)
    for extra, by, conf in [([], (), 0.95), (["--by", "region"], ("region",), 0.95),
                            (["--by", "plan"], ("plan",), 0.95),
                            (["--by", "region", "--confidence", "0.9"], ("region",), 0.9)]:
        args = [example, "--weight", "weight"] + extra
        check_document("csat", args, df, "csat", dict(spec, confidence=conf), facts,
                       weight="weight", by=by)
    # Missing answers carry no weight.
    args = [example, "--weight", "weight", "--by", "region"]
    doc = run_json("csat", args)
    if doc:
        valid = df["csat"].str.strip() != ""
        C.close(f"{describe('csat', args)}: weight_total = sum of weights of valid answers",
                doc["overall"].get("weight_total"), float(df["weight"][valid].astype(float).sum()))
    # --min-n moves the low-base threshold (and passes: 2848 >= 500).
    check_document("csat", [example, "--by", "plan", "--min-n", "500"], df, "csat",
                   dict(spec, min_n=500), facts, by=("plan",))
    doc = run_json("csat", [example, "--by", "plan", "--min-n", "500"])
    if doc:
        C.equal("csat --by plan --min-n 500: enterprise low_base",
                group_rows(doc, ("plan",)).get(("enterprise",), {}).get("low_base"), True)


def check_example_ces(example, df):
    """4. ces on the example data: 1-7, agree 5-7, disagree 1-3."""
    spec = make_spec(1, 7, [5, 6, 7], [1, 2, 3])
    facts = {"scale": "1-7", "top_box": "5-7", "bottom_box": "1-3", "lower_is_better": False,
             "labels": "built-in"}
    for extra, by, conf, weight in [([], (), 0.95, None),
                                    (["--by", "channel"], ("channel",), 0.95, None),
                                    (["--by", "channel", "--confidence", "0.9"], ("channel",),
                                     0.9, None),
                                    (["--by", "channel", "--weight", "weight"], ("channel",),
                                     0.95, "weight"),
                                    (["--weight", "weight"], (), 0.95, "weight")]:
        check_document("ces", [example] + extra, df, "ces", dict(spec, confidence=conf), facts,
                       weight=weight, by=by)
    # --na on the ces column: 4 and 7 become "no answer".
    check_document("ces", [example, "--na", "4,7", "--by", "plan"], df, "ces",
                   dict(spec, na=("4", "7")), facts, by=("plan",))
    # Custom agreement boxes.
    check_document("ces", [example, "--top-box", "6-7", "--bottom-box", "1-2"], df, "ces",
                   make_spec(1, 7, [6, 7], [1, 2]), dict(facts, top_box="6-7", bottom_box="1-2"))


def check_boxes_and_codes(example, df):
    """5. Other scales, custom boxes and --na codes on the example data."""
    # 0-10 on the NPS column: blanks and N/A/n/a missing, 7.5, -1, ten invalid.
    facts = csat_facts(0, 10, "9-10", "0-1", None)
    spec = make_spec(0, 10, [9, 10], [0, 1])
    base = [example, "--score", "score", "--scale", "0-10", "--top-box", "9-10"]
    doc = check_document("csat", base, df, "score", spec, facts)
    if doc:
        o = doc["overall"]
        for k, v in {"missing": 112, "invalid": 4, "n": 2884}.items():
            C.equal(f"{describe('csat', base)}: {k} (known value)", o.get(k), v)
    check_document("csat", base + ["--by", "plan"], df, "score", spec, facts, by=("plan",))
    check_document("csat", base + ["--weight", "weight", "--by", "region"], df, "score", spec,
                   facts, weight="weight", by=("region",))
    check_document("csat", base + ["--bottom-box", "0-6"], df, "score",
                   make_spec(0, 10, [9, 10], range(0, 7)), dict(facts, bottom_box="0-6"))
    # --na: 0 means "not applicable" here.
    doc = check_document("csat", base + ["--na", "0"], df, "score", dict(spec, na=("0",)), facts)
    if doc:
        C.equal(f"{describe('csat', base + ['--na', '0'])}: missing (known value)",
                doc["overall"].get("missing"), 112 + 74)
    # csat with 3 as a code: the fast path for one digit must not skip the codes.
    doc = check_document("csat", [example, "--na", "3", "--by", "channel"], df, "csat",
                         make_spec(1, 5, [4, 5], [1, 2], na=("3",)),
                         csat_facts(1, 5, "4-5", "1-2", "built-in"), by=("channel",))
    if doc:
        C.equal("csat --na 3: missing (known value)", doc["overall"].get("missing"), 152 + 639)
    # Custom boxes: sets and ranges, unordered (overlapping boxes are refused below).
    for top, bottom, top_text, bottom_text, top_set, bottom_set in [
            ("3-4", None, "3-4", "1-2", [3, 4], [1, 2]),
            ("1,3-4", "2,5", "1,3-4", "2,5", [1, 3, 4], [2, 5]),
            ("5,4", "2-2,1", "4-5", "1-2", [4, 5], [1, 2]),
            ("5", "1", "5", "1", [5], [1])]:
        extra = ["--top-box", top] + (["--bottom-box", bottom] if bottom else [])
        check_document("csat", [example] + extra + ["--by", "plan"], df, "csat",
                       make_spec(1, 5, top_set, bottom_set),
                       csat_facts(1, 5, top_text, bottom_text, "built-in"), by=("plan",))
    check_document("csat", [example, "--weight", "weight", "--top-box", "3-4"], df, "csat",
                   make_spec(1, 5, [3, 4], [1, 2]),
                   csat_facts(1, 5, "3-4", "1-2", "built-in"), weight="weight")
    # Boxes that share a point are a usage error naming the point.
    for extra, point in [(["--top-box", "3-5", "--bottom-box", "1-3"], 3),
                         (["--top-box", "1,3-4"], 1)]:
        _, err = run_tool("csat", [example] + extra + ["-o", "json"], expect_rc=2)
        C.check(f"share the point {point}" in err, f"csat {' '.join(extra)}: stderr {err!r}")
    # A 3-point scale: one point per box by default.
    check_document("csat", [example, "--scale", "1-3"], df, "csat",
                   make_spec(1, 3, [3], [1]), csat_facts(1, 3, "3", "1", None))
    # Malformed boxes and scales are usage errors (exit 2) that name the flag.
    for tool, extra, flag in [("csat", ["--top-box", "0-5"], "--top-box"),
                              ("csat", ["--bottom-box", "4-2"], "--bottom-box"),
                              ("csat", ["--top-box", "4,x"], "--top-box"),
                              ("csat", ["--scale", "5-1"], "--scale"),
                              ("ces", ["--top-box", "8"], "--top-box")]:
        _, err = run_tool(tool, [example] + extra + ["-o", "json"], expect_rc=2)
        C.check(flag in err, f"`{describe(tool, [example] + extra)}`: the usage error does not "
                             f"name {flag}: {err.strip()[:300]!r}")


def check_lower_is_better(tmp):
    """6. ces --lower-is-better (older 1-5 "how much effort" form) on a synthetic file."""
    rng = np.random.default_rng(20240611)
    effort_labels = {1: ["Very low effort", "very  LOW effort"], 2: ["Low effort"],
                     4: ["High Effort"], 5: ["VERY HIGH EFFORT "]}
    rows = []
    for i in range(1, 181):
        team = ["alpha", "beta", "gamma"][i % 3]
        v = int(rng.choice([1, 2, 3, 4, 5], p=[0.3, 0.3, 0.2, 0.12, 0.08]))
        u = rng.random()
        if u < 0.05:
            text = ""
        elif u < 0.08:
            text = rng.choice(["N/A", "na", " - ", "#N/A", "None"])
        elif u < 0.11:
            text = rng.choice(["0", "6", "3.5", "easy", "7"])
        elif u < 0.2 and v in effort_labels:
            labels = effort_labels[v]
            text = labels[int(rng.integers(len(labels)))]
        elif u < 0.25:
            text = f" {v}.0 "
        else:
            text = str(v)
        seven = int(rng.integers(1, 8)) if rng.random() > 0.05 else ""
        weight = f"{rng.uniform(0.3, 2.5):.3f}" if rng.random() > 0.03 else "x"
        rows.append([i, team, text, seven, weight])
    p = tmp / "effort.csv"
    write_csv(p, ["id", "team", "effort", "effort7", "w"], rows)
    df = read_str_csv(p)
    spec = make_spec(1, 5, [1, 2], [4, 5], labels=BUILTIN_5)
    facts = {"scale": "1-5", "top_box": "1-2", "bottom_box": "4-5", "lower_is_better": True,
             "labels": "built-in"}
    base = [p, "--score", "effort", "--lower-is-better"]
    for extra, by, conf, weight in [([], (), 0.95, None), (["--by", "team"], ("team",), 0.95, None),
                                    (["--confidence", "0.9"], (), 0.9, None),
                                    (["--weight", "w", "--by", "team"], ("team",), 0.95, "w")]:
        check_document("ces", base + extra, df, "effort", dict(spec, confidence=conf), facts,
                       weight=weight, by=by)
    # Custom favourable box on the lower-is-better scale.
    check_document("ces", base + ["--top-box", "1", "--bottom-box", "5"], df, "effort",
                   make_spec(1, 5, [1], [5], labels=BUILTIN_5),
                   dict(facts, top_box="1", bottom_box="5"))
    # Without --lower-is-better the default scale is 1-7 (agreement boxes).
    check_document("ces", [p, "--score", "effort7"], df, "effort7",
                   make_spec(1, 7, [5, 6, 7], [1, 2, 3], labels=BUILTIN_7),
                   {"scale": "1-7", "top_box": "5-7", "bottom_box": "1-3",
                    "lower_is_better": False, "labels": "built-in"})
    # --lower-is-better with an explicit 1-7 scale mirrors the agreement boxes.
    check_document("ces", [p, "--score", "effort7", "--scale", "1-7", "--lower-is-better"], df,
                   "effort7", make_spec(1, 7, [1, 2, 3], [5, 6, 7], labels=BUILTIN_7),
                   {"scale": "1-7", "top_box": "1-3", "bottom_box": "5-7",
                    "lower_is_better": True, "labels": "built-in"})
    return df


def check_labels(tmp):
    """7. Answer labels: built-in English / Japanese, an inline map, a label file."""
    # English file: inline map on q3, built-in agreement on agree, CES 2.0 (7 points) on ease.
    q3 = ["Poor", "Fair", "Good", "Very good", "Excellent", "very   GOOD", " excellent ",
          "EXCELLENT", "good\t", "5", "4", "1", "", "N/A", "Meh", "Strongly agree", "6",
          "Very\tgood", "fair", "Good", "Excellent", "Very good", "3.0", "２"]
    agree = ["Strongly Agree", "Agree", "Neither Agree nor Disagree", "Disagree",
             "Strongly Disagree", "  STRONGLY   agree ", "agree", "neither agree nor disagree",
             "Very satisfied", "dissatisfied", "4", "", "null", "Neutral-ish", "2", "Agree",
             "Strongly Agree", "strongly agree", "Agree", "\u00a0Agree\u00a0", "5", "Agree",
             "Disagree", "Strongly Agree"]
    ease = ["Strongly agree", "Agree", "Somewhat agree", "Neither agree nor disagree",
            "Somewhat disagree", "Disagree", "Strongly disagree", "7", "6", "", "agree", "AGREE",
            "5", "8", "Strongly agree", "somewhat agree", "Agree", "4", "Agree", "3", "2", "1",
            "n/a", "Strongly agree"]
    rows = [[i + 1, "ab"[i % 2], a, b, c, f"{0.5 + (i % 5) * 0.3:.1f}"]
            for i, (a, b, c) in enumerate(zip(q3, agree, ease))]
    p = tmp / "labels_en.csv"
    write_csv(p, ["id", "grp", "q3", "agree", "ease", "w"], rows)
    df = read_str_csv(p)
    inline = "Poor=1,Fair=2,Good=3,Very good=4,Excellent=5"
    inline_map = {"poor": 1, "fair": 2, "good": 3, "very good": 4, "excellent": 5}
    for extra, by, weight in [([], (), None), (["--by", "grp"], ("grp",), None),
                              (["--weight", "w"], (), "w")]:
        check_document("csat", [p, "--score", "q3", "--labels", inline] + extra, df, "q3",
                       make_spec(1, 5, [4, 5], [1, 2], labels=inline_map),
                       csat_facts(1, 5, "4-5", "1-2", "--labels"), weight=weight, by=by)
        check_document("csat", [p, "--score", "agree"] + extra, df, "agree",
                       make_spec(1, 5, [4, 5], [1, 2], labels=BUILTIN_5),
                       csat_facts(1, 5, "4-5", "1-2", "built-in"), weight=weight, by=by)
    check_document("ces", [p, "--score", "ease"], df, "ease",
                   make_spec(1, 7, [5, 6, 7], [1, 2, 3], labels=BUILTIN_7),
                   {"scale": "1-7", "top_box": "5-7", "bottom_box": "1-3",
                    "lower_is_better": False, "labels": "built-in"})
    # Known counts of the inline-map column, by eye: 24 answers, 2 missing (blank, N/A),
    # 3 invalid (Meh, Strongly agree -- the map replaces the built-in sets -- and 6); 19 valid.
    doc = run_json("csat", [p, "--score", "q3", "--labels", inline])
    if doc:
        o = doc["overall"]
        for k, v in {"n": 19, "missing": 2, "invalid": 3}.items():
            C.equal(f"csat --score q3 --labels '{inline}': {k} (counted by eye)", o.get(k), v)

    # Japanese file: built-in satisfaction labels, full-width digits, ideographic spaces;
    # a second column in the analyst's own wording.
    sat = ["非常に満足", "満足", "どちらでもない", "不満", "非常に不満", "　満足　", "やや満足",
           "普通", "５", "４", "3", "", "わからない", "N/A", "満足", "非常に満足", "満足", "不満",
           "非常に満足", "満足", "とても微妙", "１", "2", "満足"]
    own = ["最高", "良い", "普通", "悪い", "最悪", "まあまあ, 良い", "良い", "最高", "満足",
           "5", "", "良い", "良い", "最悪", "普通", "最高", "最高", "良い", "悪い", "　最高",
           "わからない", "3", "良い", "普通"]
    region = ["東京", "大阪", "東京", "名古屋"] * 6
    rows = [[i + 1, r, a, b, f"{0.6 + (i % 4) * 0.25:.2f}"]
            for i, (r, a, b) in enumerate(zip(region, sat, own))]
    p = tmp / "labels_ja.csv"
    write_csv(p, ["id", "地域", "満足度", "評価", "w"], rows)
    df = read_str_csv(p)
    spec = make_spec(1, 5, [4, 5], [1, 2], labels=BUILTIN_5)
    facts = csat_facts(1, 5, "4-5", "1-2", "built-in")
    for extra, by, weight in [([], (), None), (["--by", "地域"], ("地域",), None),
                              (["--by", "地域", "--weight", "w"], ("地域",), "w")]:
        check_document("csat", [p, "--score", "満足度"] + extra, df, "満足度", spec, facts,
                       weight=weight, by=by)
    doc = check_document("csat", [p, "--score", "満足度", "--na", "わからない"], df, "満足度",
                         dict(spec, na=("わからない",)), facts)
    if doc:
        # 満足 (6 times, one padded with ideographic spaces) and 不満 (twice) are
        # not built in, so they are invalid beside とても微妙.
        for k, v in {"n": 12, "missing": 3, "invalid": 9}.items():
            C.equal(f"csat --score 満足度 --na わからない: {k} (counted by eye)",
                    doc["overall"].get(k), v)
    # Positional column reference: column 3 is 満足度.
    check_document("csat", [p, "--score", "3"], df, "満足度", spec, facts)

    # The analyst's label file: UTF-8 BOM, CRLF, an extra column, a quoted label with a comma.
    own_map = {"最悪": 1, "悪い": 2, "普通": 3, "まあまあ, 良い": 4, "良い": 4, "最高": 5}
    label_file = tmp / "ja_labels.csv"
    with open(label_file, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["label", "value", "note"])
        for label, value in own_map.items():
            w.writerow([label, value, "analyst's own wording"])
    for extra, by, weight in [([], (), None), (["--by", "地域", "--weight", "w"], ("地域",), "w")]:
        check_document("csat", [p, "--score", "評価", "--labels", label_file] + extra, df, "評価",
                       make_spec(1, 5, [4, 5], [1, 2], labels=own_map),
                       csat_facts(1, 5, "4-5", "1-2", str(label_file)), weight=weight, by=by)
    # A user map replaces the built-in sets: 満足 and わからない are invalid with it.
    doc = run_json("csat", [p, "--score", "評価", "--labels", label_file])
    if doc:
        for k, v in {"n": 21, "missing": 1, "invalid": 2}.items():
            C.equal(f"csat --score 評価 --labels {label_file.name}: {k} (counted by eye)",
                    doc["overall"].get(k), v)
    # The same map inline (no comma label possible there).
    inline_ja = "最悪=1,悪い=2,普通=3,良い=4,最高=5"
    check_document("csat", [p, "--score", "評価", "--labels", inline_ja], df, "評価",
                   make_spec(1, 5, [4, 5], [1, 2],
                             labels={k: v for k, v in own_map.items() if "," not in k}),
                   csat_facts(1, 5, "4-5", "1-2", "--labels"))
    # A label file for the English inline map, in a plain (no BOM, LF) form.
    en_file = tmp / "en_labels.csv"
    write_csv(en_file, ["value", "label"], [[v, k.title()] for k, v in inline_map.items()])
    df_en = read_str_csv(tmp / "labels_en.csv")
    check_document("csat", [tmp / "labels_en.csv", "--score", "q3", "--labels", en_file], df_en,
                   "q3", make_spec(1, 5, [4, 5], [1, 2], labels=inline_map),
                   csat_facts(1, 5, "4-5", "1-2", str(en_file)))
    # A label outside the scale is a usage error.
    _, err = run_tool("csat", [p, "--score", "評価", "--labels", "最悪=0,最高=5", "-o", "json"],
                      expect_rc=2)
    C.check("--labels" in err, f"csat --labels with a point off the scale: the usage error does "
                               f"not name --labels: {err.strip()[:300]!r}")


def check_output_formats(tool, args):
    """JSON, NDJSON and CSV outputs of one command carry the same numbers."""
    what = describe(tool, args)
    doc = run_json(tool, args)
    if not doc:
        return
    expected = doc.get("groups", []) + [doc["overall"]]
    out, _ = run_tool(tool, list(args) + ["-o", "ndjson"])
    try:
        ndjson = [json.loads(line) for line in out.splitlines() if line.strip()]
    except json.JSONDecodeError as e:
        C.check(False, f"{what} -o ndjson is not NDJSON: {e}")
        ndjson = []
    C.equal(f"{what} -o ndjson: number of rows", len(ndjson), len(expected))
    for i, (got, want) in enumerate(zip(ndjson, expected)):
        diffs = sorted(k for k in set(got) | set(want)
                       if got.get(k, "absent") != want.get(k, "absent"))
        C.check(not diffs, f"{what} -o ndjson: row {i} differs from JSON in "
                           + "; ".join(f"{k}: ndjson {got.get(k, 'absent')!r}, JSON "
                                       f"{want.get(k, 'absent')!r}" for k in diffs))
    text, _ = run_tool(tool, list(args) + ["-o", "csv"])
    rows = list(csv.DictReader(io.StringIO(text)))
    C.equal(f"{what} -o csv: number of rows", len(rows), len(expected))
    scale = doc.get("scale", "1-5")
    low, high = (int(v) for v in scale.split("-"))
    count_columns = [f"count_{p}" for p in range(low, high + 1)]
    if rows:
        want_columns = (set(expected[0]) - {"distribution"}) | set(count_columns)
        C.check(set(rows[0]) == want_columns,
                f"{what} -o csv: columns {sorted(rows[0])} differ from the JSON fields with "
                f"count_<point> for distribution {sorted(want_columns)}")
    for i, (got, want) in enumerate(zip(rows, expected)):
        for field, value in want.items():
            if field == "distribution":
                for point, count in value.items():
                    cell = got.get(f"count_{point}")
                    C.check(cell == str(count),
                            f"{what} -o csv: row {i} count_{point} is {cell!r}, JSON "
                            f"distribution has {count!r}")
                continue
            cell = got.get(field)
            C.check(csv_cell_matches(cell, value),
                    f"{what} -o csv: row {i} {field} is {cell!r}, JSON has {value!r}")
    # pandas reads the same numbers from the CSV (full precision round trip).
    if rows:
        frame = pd.read_csv(io.StringIO(text), float_precision="round_trip",
                            keep_default_na=False, na_values=[""])
        for col in ["n", "pct_top_box", "top_box_ci_low", "mean", "sd", "mean_ci_high"]:
            got = [None if pd.isna(v) else float(v) for v in frame[col]]
            want = [None if r[col] is None else float(r[col]) for r in expected]
            C.check(got == want, f"{what} -o csv read by pandas: column {col} {got} differs "
                                 f"from JSON {want}")


def check_formats(example, tmp):
    """8. Output formats agree on every number."""
    cases = [("csat", [example]), ("csat", [example, "--by", "plan"]),
             ("csat", [example, "--weight", "weight", "--by", "region"]),
             ("csat", [example, "--by", "plan,channel", "--confidence", "0.9"]),
             ("csat", [example, "--score", "score", "--scale", "0-10", "--top-box", "9-10",
                       "--by", "plan"]),
             ("ces", [example, "--by", "channel"]),
             ("ces", [example, "--weight", "weight", "--by", "channel"]),
             ("ces", [tmp / "effort.csv", "--score", "effort", "--lower-is-better",
                      "--by", "team", "--weight", "w"]),
             ("csat", [tmp / "labels_ja.csv", "--score", "満足度", "--by", "地域"]),
             ("csat", [tmp / "hand_c.csv", "--score", "x", "--by", "g", "--weight", "w"])]
    for tool, args in cases:
        check_output_formats(tool, args)


# --------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csat", required=True, help="the built csat executable")
    ap.add_argument("--ces", required=True, help="the built ces executable")
    ap.add_argument("--root", required=True, help="the repository root")
    ap.add_argument("--real-data", help="folder of the real data sets (default: "
                    "$KOE_REAL_DATA, else ROOT/../shared/data/real)")
    opts = ap.parse_args()
    TOOLS["csat"] = os.path.abspath(opts.csat)
    TOOLS["ces"] = os.path.abspath(opts.ces)
    root = pathlib.Path(opts.root).resolve()
    real = pathlib.Path(opts.real_data or os.environ.get("KOE_REAL_DATA")
                        or root.parent / "shared" / "data" / "real")
    for tool, path in TOOLS.items():
        if not os.access(path, os.X_OK):
            print(f"FAIL: {path} ({tool}) is not an executable")
            return 1
    start = time.monotonic()
    example = root / "examples" / "responses.csv"
    df = read_str_csv(example)

    sections = [
        ("hand-worked cases", lambda tmp: check_hand_cases(tmp)),
        ("real data (Carpentries labels)", lambda tmp: check_real_data(real)),
        ("csat on the example data", lambda tmp: check_example_csat(example, df)),
        ("ces on the example data", lambda tmp: check_example_ces(example, df)),
        ("scales, boxes and --na codes", lambda tmp: check_boxes_and_codes(example, df)),
        ("ces --lower-is-better", lambda tmp: check_lower_is_better(tmp)),
        ("labels (inline, file, Japanese)", lambda tmp: check_labels(tmp)),
        ("output formats", lambda tmp: check_formats(example, tmp)),
    ]
    with tempfile.TemporaryDirectory(prefix="check_scale.") as tmp:
        for name, fn in sections:
            before_checks, before_fail = C.count, len(C.failures)
            t0 = time.monotonic()
            fn(pathlib.Path(tmp))
            print(f"  {name}: {C.count - before_checks} checks, "
                  f"{len(C.failures) - before_fail} failed ({time.monotonic() - t0:.1f} s)")
    elapsed = time.monotonic() - start
    print(f"check_scale: {C.count} checks, {len(C.failures)} failed, {elapsed:.1f} s")
    if C.failures:
        return 1
    return 0  # an absent real-data file skips only its own section (reported above)


if __name__ == "__main__":
    sys.exit(main())
