#!/usr/bin/python3
"""Independent reference test of `segment`: its tests against pandas and statsmodels.

Runs the built `segment` on generated files and recomputes every comparison from the raw rows
with pandas, SciPy and statsmodels, never from the project's code (PRODUCT.md, Statistics):

  each group's estimate: NPS (100 (pP - pD), SE 100 sqrt((pP + pD - (pP - pD)^2) / n_eff)),
      the top-box share (SE sqrt(p (1 - p) / n_eff)) or the mean (SE = weighted SD / sqrt(n_eff));
      n_eff = (sum w)^2 / sum w^2 (Kish), n unweighted
  reference: the rest of the rows (segment vs rest), the previous period (a period dimension)
  difference = a - b, SE = sqrt(SE_a^2 + SE_b^2), z = difference / SE, p = 2 (1 - Phi(|z|))
      unweighted shares: statsmodels test_proportions_2indep(method="wald")
      unweighted means:  statsmodels CompareMeans.ztest_ind(usevar="unequal")
  p adjusted: statsmodels multipletests (holm, fdr_bh) over the groups whose two sides have
      n >= --min-n; significant when p adjusted < alpha
  impact = the group's share of the (weighted) answers times the difference

Then the planted-effect checks: on data with one worse region and one worse month, exactly those
are flagged below / down; on data with no effect, nothing is flagged.

Usage: check_segment.py --segment PATH --gen PATH --root REPO
"""
import argparse
import csv
import io
import math
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import test_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

from checking import Checker

C = Checker()
SEGMENT = None
MISSING = {"", "na", "n/a", "#n/a", "null", "none", "nan", "-", "."}


def run(args, expect_rc=0):
    cmd = [SEGMENT] + [str(a) for a in args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    C.check(proc.returncode == expect_rc,
            f"`{' '.join(cmd)}` exited {proc.returncode}, expected {expect_rc}: {proc.stderr[:400]}")
    return proc


def rows_of(args):
    out = run(list(args) + ["-q", "-o", "csv"]).stdout
    return list(csv.DictReader(io.StringIO(out)))


def number(text):
    return float(text) if text != "" else math.nan


# ------------------------------------------------------------------ estimates from raw rows

def answers(frame, score, low, high):
    """The valid answers (as numbers) and their weights of a frame."""
    text = frame[score].fillna("").astype(str).str.strip()
    ok = text.str.fullmatch(r"[0-9]+") & ~text.str.lower().isin(MISSING)
    values = pd.to_numeric(text.where(ok), errors="coerce")
    ok &= values.between(low, high)
    return values[ok].to_numpy(float), frame["w"][ok].to_numpy(float)


def n_eff(w):
    return w.sum() ** 2 / (w ** 2).sum() if len(w) else 0.0


def estimate(kind, values, w, top_box=(4, 5)):
    """(value, se, n, weight total) of one side."""
    n = len(values)
    if n == 0:
        return math.nan, math.nan, 0, 0.0
    ne = n_eff(w)
    if kind == "nps":
        pp = w[values >= 9].sum() / w.sum()
        pd_ = w[values <= 6].sum() / w.sum()
        v = pp + pd_ - (pp - pd_) ** 2
        return 100 * (pp - pd_), 100 * math.sqrt(v / ne), n, w.sum()
    if kind == "csat":
        p = w[np.isin(values, top_box)].sum() / w.sum()
        return 100 * p, 100 * math.sqrt(p * (1 - p) / ne), n, w.sum()
    described = DescrStatsW(values, weights=w)
    mean = described.mean
    variance = (w * (values - mean) ** 2).sum() / w.sum() * ne / (ne - 1)
    return mean, math.sqrt(variance / ne), n, w.sum()


def wald(a, b):
    d = a[0] - b[0]
    se = math.sqrt(a[1] ** 2 + b[1] ** 2)
    z = d / se
    return d, se, z, 2 * stats.norm.sf(abs(z))


# ------------------------------------------------------------------ the comparison checks

def check_groups(label, printed, frame, key_of, kind, score, low, high, reference, adjust,
                 alpha=0.05, min_n=30, weighted=False):
    """Checks each printed group against its reference computed here. `key_of(row)` gives
    the printed key of a frame row (None: in no group)."""
    keys = frame.apply(key_of, axis=1)
    groups = printed[:-1]  # the last row is the overall one
    labels = [g[list(g)[0]] for g in groups]
    family, members, expected = [], [], {}
    for i, group in enumerate(groups):
        inside = frame[keys == labels[i]]
        if reference == "rest":
            other = frame[keys != labels[i]]
        else:
            other = frame[keys == labels[i - 1]] if i > 0 else None
        a = estimate(kind, *answers(inside, score, low, high))
        C.equal(f"{label} {labels[i]} n", int(group["n"]), a[2])
        if a[2] > 1:
            C.close(f"{label} {labels[i]} value", number(group[metric_key(kind)]), a[0])
        if other is None:
            C.equal(f"{label} {labels[i]} has no reference", group["difference"], "")
            continue
        b = estimate(kind, *answers(other, score, low, high))
        d, se, z, p = wald(a, b)
        C.close(f"{label} {labels[i]} reference", number(group["reference"]), b[0])
        C.close(f"{label} {labels[i]} difference", number(group["difference"]), d)
        C.close(f"{label} {labels[i]} SE of the difference", number(group["se_difference"]), se)
        C.close(f"{label} {labels[i]} z", number(group["z"]), z)
        C.close(f"{label} {labels[i]} p", number(group["p"]), p, rel=1e-7, abs_tol=1e-14)
        if not weighted and kind == "csat":
            top = lambda f: int(np.isin(answers(f, score, low, high)[0], (4, 5)).sum())
            statistic, pvalue = test_proportions_2indep(top(inside), a[2], top(other), b[2],
                                                        method="wald", compare="diff")
            C.close(f"{label} {labels[i]} z (statsmodels)", number(group["z"]), statistic, rel=1e-7)
            C.close(f"{label} {labels[i]} p (statsmodels)", number(group["p"]), pvalue, rel=1e-6,
                    abs_tol=1e-14)
        if not weighted and kind == "mean":
            z2, p2 = CompareMeans(DescrStatsW(answers(inside, score, low, high)[0]),
                                  DescrStatsW(answers(other, score, low, high)[0])
                                  ).ztest_ind(usevar="unequal")
            C.close(f"{label} {labels[i]} z (statsmodels)", number(group["z"]), z2, rel=1e-7)
        if reference == "rest":
            share = a[3] / estimate(kind, *answers(frame, score, low, high))[3]
            C.close(f"{label} {labels[i]} impact", number(group["impact"]), share * d)
        low_base = a[2] < min_n or b[2] < min_n
        C.equal(f"{label} {labels[i]} low base", group["low_base"], "true" if low_base else "false")
        if not low_base:
            family.append(p)
            members.append(i)
    if family:
        method = {"holm": "holm", "bh": "fdr_bh"}[adjust]
        adjusted = multipletests(family, alpha=alpha, method=method)[1]
        for i, p_adj in zip(members, adjusted):
            C.close(f"{label} {labels[i]} p adjusted", number(groups[i]["p_adjusted"]), p_adj,
                    rel=1e-6, abs_tol=1e-14)
            significant = p_adj < alpha
            C.equal(f"{label} {labels[i]} significant", groups[i]["significant"],
                    "true" if significant else "false")
    return groups


def metric_key(kind):
    return {"nps": "nps", "csat": "pct_top_box", "mean": "mean"}[kind]


def load(path, weight=None):
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["w"] = frame[weight].astype(float) if weight else 1.0
    return frame


def check_generated(gen, tmp):
    path = tmp / "responses.csv"
    with open(path, "wb") as f:
        subprocess.run([gen, "--rows", "6000", "--seed", "11"], stdout=f, check=True)
    frame = load(path)
    weighted = load(path, "weight")
    weighted = weighted[pd.to_numeric(weighted["weight"], errors="coerce") >= 0]
    by_region = lambda r: r["region"].strip()
    for kind, score, low, high, extra in [("nps", "score", 0, 10, []),
                                          ("csat", "csat", 1, 5, ["--metric", "csat"]),
                                          ("mean", "csat", 1, 5, ["--metric", "mean", "--score", "csat"])]:
        for adjust in ("holm", "bh"):
            printed = rows_of(extra + ["--by", "region", "--adjust", adjust, path])
            check_groups(f"{kind} by region ({adjust})", printed, frame, by_region, kind, score,
                         low, high, "rest", adjust)
        printed = rows_of(extra + ["--by", "plan", "--weight", "weight", path])
        check_groups(f"{kind} by plan, weighted", printed, weighted, lambda r: r["plan"].strip(),
                     kind, score, low, high, "rest", "holm", weighted=True)
    month = lambda r: r["date"][:7]
    printed = rows_of(["--by", "month(date)", path])
    check_groups("nps by month", printed, frame, month, "nps", "score", 0, 10, "previous", "holm")
    printed = rows_of(["--by", "plan", "--min-n", "1000", path])
    check_groups("nps by plan, --min-n 1000", printed, frame, lambda r: r["plan"].strip(), "nps", "score",
                 0, 10, "rest", "holm", min_n=1000)


# ------------------------------------------------------------------ planted effects

def planted(path, worse_region, worse_month, seed):
    """Answers with NPS about 25 everywhere, about -5 in the planted region and month."""
    rng = np.random.default_rng(seed)
    regions = ["north", "south", "east", "west", "centre", "coast"]
    rows = ["id,region,date,score"]
    for i in range(12000):
        region = regions[i % len(regions)]
        month = 1 + (i // 7) % 12
        date = f"2025-{month:02d}-{1 + i % 28:02d}"
        worse = region == worse_region or month == worse_month
        prom, detr = (0.30, 0.35) if worse else (0.45, 0.20)
        u = rng.random()
        score = int(rng.integers(9, 11)) if u < prom else int(rng.integers(0, 7)) \
            if u < prom + detr else int(rng.integers(7, 9))
        rows.append(f"{i},{region},{date},{score}")
    path.write_text("\n".join(rows) + "\n")


def flags(printed, dimension):
    return {(r[dimension], r["direction"]) for r in printed[:-1] if r["significant"] == "true"}


def check_planted(tmp):
    path = tmp / "planted.csv"
    planted(path, "east", 7, seed=5)
    by_region = flags(rows_of(["--by", "region", path]), "region")
    C.equal("planted: regions flagged below", {f for f in by_region if f[1] == "below"},
            {("east", "below")})
    by_month = flags(rows_of(["--by", "month(date)", path]), "month(date)")
    C.equal("planted: months flagged down", {f for f in by_month if f[1] == "down"},
            {("2025-07", "down")})
    # The month after the planted one recovers: up, and nothing else moves.
    C.equal("planted: months flagged up", {f for f in by_month if f[1] == "up"},
            {("2025-08", "up")})
    drop = run(["--by", "region", "--fail-if-significant-drop", "-q", path], expect_rc=1)
    C.check("east is significantly below the rest" in drop.stderr and drop.stderr.count("\n") == 1,
            f"--fail-if-significant-drop names the one planted segment: {drop.stderr!r}")

    null = tmp / "null.csv"
    planted(null, None, None, seed=9)
    C.equal("no effect: regions flagged", flags(rows_of(["--by", "region", null]), "region"), set())
    C.equal("no effect: months flagged",
            flags(rows_of(["--by", "month(date)", null]), "month(date)"), set())
    run(["--by", "region", "--fail-if-significant-drop", "-q", null], expect_rc=0)


def main():
    global SEGMENT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--segment", required=True)
    parser.add_argument("--gen", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    SEGMENT = args.segment
    with tempfile.TemporaryDirectory() as tmp:
        check_generated(args.gen, pathlib.Path(tmp))
        check_planted(pathlib.Path(tmp))
    print(f"check_segment: {C.count} checks, {len(C.failures)} failed")
    return 1 if C.failures else 0


if __name__ == "__main__":
    sys.exit(main())
