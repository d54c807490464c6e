#!/usr/bin/python3
"""Independent reference test of `drivers`: its model and importances against statsmodels.

Runs the built `drivers` on generated files (and the real Carpentries export when present) and
recomputes every number from the raw rows, never from the project's code:

  fit: statsmodels OLS (WLS when weighted) of the outcome on the drivers with a constant, on the
      rows with every answer (listwise): R², adjusted R², coefficients, intercept;
      standardized beta_j = b_j sd_j / sd_y; r_j the (weighted) correlation with the outcome;
      VIF_j = 1 / (1 - R²_j), R²_j of driver j on the other drivers (statsmodels again)
  relative weights (Johnson 2000), built from the data as published: the standardized drivers
      X = P D Q' (SVD), their closest orthonormal counterparts Z = P Q', the outcome regressed
      on Z (beta) and the drivers on Z (Lambda); weight_j = sum_k Lambda_jk^2 beta_k^2
  Shapley / LMG (Lindeman, Merenda and Gold 1980): R² of all 2^p subsets from statsmodels fits,
      weight |S|! (p - |S| - 1)! / p! of each increase R²(S + j) - R²(S)
  intervals: delete-a-group jackknife, the complete rows dealt in turn to G groups (row k to
      group k mod G), SE² = (G - 1)/G sum (theta_g - mean)², estimate ± t(G - 1) SE
  --keep K: the best subset of size K by brute force over statsmodels fits

all to 1e-6, on plain and weighted data. Then the planted-driver checks: on data with two strong,
two weak, one pure-noise and two collinear drivers, the strong ones rank first, the noise last,
the collinear pair is warned about and --keep 2 keeps the strong pair; the usage errors; and the
real export: LikelyToRecommend on its six agreement items read through the built-in labels,
every row accounted for.

Usage: check_drivers.py --drivers PATH --root REPO [--real-data DIR]
"""
import argparse
import itertools
import json
import math
import os
import pathlib
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from checking import Checker

C = Checker()
DRIVERS = None
TOL = 1e-6
WORST = {"difference": 0.0, "what": ""}

AGREEMENT = {"strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3,
             "agree": 4, "strongly agree": 5}


def run(args, expect_rc=0):
    cmd = [DRIVERS] + [str(a) for a in args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    C.check(proc.returncode == expect_rc,
            f"`{' '.join(cmd)}` exited {proc.returncode}, expected {expect_rc}: {proc.stderr[:400]}")
    return proc


def report(args):
    proc = run(list(args) + ["-o", "json"])
    return json.loads(proc.stdout) if proc.returncode == 0 else None


def close(what, actual, expected):
    if isinstance(actual, (int, float)) and math.isfinite(actual):
        difference = abs(actual - expected)
        if difference > WORST["difference"]:
            WORST.update(difference=difference, what=what)
    return C.close(what, actual, expected, rel=TOL, abs_tol=TOL)


# ------------------------------------------------------------------ the reference computations

def fit(y, x, w):
    """statsmodels OLS, or WLS when weighted, with a constant."""
    exog = sm.add_constant(x, has_constant="add")
    return (sm.WLS(y, exog, weights=w) if w is not None else sm.OLS(y, exog)).fit()


def weighted_sd(v, w):
    w = np.ones(len(v)) if w is None else w
    m = np.average(v, weights=w)
    return math.sqrt(np.average((v - m) ** 2, weights=w))


def standardized(x, w):
    """Columns centred and scaled by their (weighted) SD, rows scaled by sqrt(w)."""
    w = np.ones(len(x)) if w is None else w
    mean = np.average(x, axis=0, weights=w)
    sd = np.sqrt(np.average((x - mean) ** 2, axis=0, weights=w))
    return (x - mean) / sd * np.sqrt(w / w.sum())[:, None]


def relative_weights(y, x, w):
    """Johnson (2000) from the data: Z = P Q' of the SVD X = P D Q'."""
    xs = standardized(x, w)
    ys = standardized(y[:, None], w)[:, 0]
    p_, _, qt = np.linalg.svd(xs, full_matrices=False)
    z = p_ @ qt
    beta = np.linalg.lstsq(z, ys, rcond=None)[0]
    lam = np.linalg.lstsq(z, xs, rcond=None)[0]  # lam[k, j]: driver j on z_k
    return (lam.T ** 2) @ (beta ** 2)


def subset_r2(y, x, w):
    p = x.shape[1]
    r2 = {(): 0.0}
    for size in range(1, p + 1):
        for subset in itertools.combinations(range(p), size):
            r2[subset] = fit(y, x[:, subset], w).rsquared
    return r2


def shapley(y, x, w):
    p = x.shape[1]
    r2 = subset_r2(y, x, w)
    values = np.zeros(p)
    for j in range(p):
        others = [k for k in range(p) if k != j]
        for size in range(p):
            weight = math.factorial(size) * math.factorial(p - size - 1) / math.factorial(p)
            for subset in itertools.combinations(others, size):
                with_j = tuple(sorted(subset + (j,)))
                values[j] += weight * (r2[with_j] - r2[subset])
    return values, r2


def importances(y, x, w, method):
    return relative_weights(y, x, w) if method == "relative-weights" else shapley(y, x, w)[0]


def jackknife(y, x, w, method, groups, confidence):
    """(SE, t) of each importance and of R² (the last), rows dealt in turn to the groups."""
    n = len(y)
    group = np.arange(n) % groups
    replicates = []
    for g in range(min(groups, n)):
        keep = group != g
        wk = None if w is None else w[keep]
        values = list(importances(y[keep], x[keep], wk, method))
        values.append(fit(y[keep], x[keep], wk).rsquared)
        replicates.append(values)
    replicates = np.array(replicates)
    g = len(replicates)
    se = np.sqrt((g - 1) / g * ((replicates - replicates.mean(axis=0)) ** 2).sum(axis=0))
    return se, stats.t.ppf(0.5 + confidence / 2, g - 1)


# ------------------------------------------------------------------ data

def complete_rows(frame, outcome, drivers, weight=None):
    """The rows with every answer, as arrays (drivers read as integers in the scale)."""
    cols = [outcome] + drivers + ([weight] if weight else [])
    data = frame[cols].apply(pd.to_numeric, errors="coerce").dropna()
    w = data[weight].to_numpy(float) if weight else None
    return data[outcome].to_numpy(float), data[drivers].to_numpy(float), w


def generate(path, n, seed, weighted=False, blanks=False):
    """Two strong, two weak, one noise and two collinear drivers on 1-7; the outcome continuous."""
    rng = np.random.default_rng(seed)
    strong1, strong2, weak1, weak2, noise = (rng.integers(1, 8, n) for _ in range(5))
    base = rng.normal(4, 1.5, n)
    col1 = np.clip(np.rint(base + rng.normal(0, 0.35, n)), 1, 7).astype(int)
    col2 = np.clip(np.rint(base + rng.normal(0, 0.35, n)), 1, 7).astype(int)
    y = (1.0 * strong1 + 0.8 * strong2 + 0.25 * weak1 + 0.2 * weak2 + 0.15 * col1 + 0.15 * col2
         + rng.normal(0, 1.2, n))
    frame = pd.DataFrame({"outcome": np.round(y, 4), "strong1": strong1, "strong2": strong2,
                          "weak1": weak1, "weak2": weak2, "noise": noise, "col1": col1,
                          "col2": col2, "region": rng.choice(["north", "south"], n)})
    if weighted:
        frame["w"] = np.round(rng.uniform(0.2, 3.0, n), 3)
    frame = frame.astype(object)
    if blanks:
        for column in ("outcome", "strong1", "noise"):
            frame.loc[rng.random(n) < 0.05, column] = ""
        frame.loc[rng.random(n) < 0.01, "weak1"] = "n/a?"
    frame.to_csv(path, index=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


DRIVER_NAMES = ["strong1", "strong2", "weak1", "weak2", "noise", "col1", "col2"]


# ------------------------------------------------------------------ the checks

def check_against_reference(path, frame, label, method="relative-weights", weight=None,
                            drivers=DRIVER_NAMES, extra=(), groups=20, keep=None):
    args = ["--outcome", "outcome", "--drivers", ",".join(drivers), "--scale", "1-7",
            "--method", method, "--jackknife-groups", groups, "-q"] + list(extra)
    if weight:
        args += ["--weight", weight]
    if keep:
        args += ["--keep", keep]
    out = report(args + [path])
    if out is None:
        return
    y, x, w = complete_rows(frame, "outcome", drivers, weight)
    model = fit(y, x, w)
    close(f"{label}: R²", out["r2"], model.rsquared)
    close(f"{label}: adjusted R²", out["adjusted_r2"], model.rsquared_adj)
    close(f"{label}: intercept", out["intercept"], model.params[0])
    C.equal(f"{label}: complete rows", out["complete_rows"], len(y))
    imp = importances(y, x, w, method)
    close(f"{label}: importances sum to R²", sum(imp), model.rsquared)
    se, t = jackknife(y, x, w, method, groups, 0.95)
    close(f"{label}: R² low", out["r2_low"], model.rsquared - t * se[-1])
    sd_y = weighted_sd(y, w)
    rows = {row["driver"]: row for row in out["groups"]}
    for j, name in enumerate(drivers):
        row = rows[name]
        what = f"{label}, {name}"
        close(f"{what}: coefficient", row["coefficient"], model.params[j + 1])
        close(f"{what}: beta", row["beta"], model.params[j + 1] * weighted_sd(x[:, j], w) / sd_y)
        others = [k for k in range(len(drivers)) if k != j]
        close(f"{what}: VIF", row["vif"], 1 / (1 - fit(x[:, j], x[:, others], w).rsquared))
        cov = np.cov(x[:, j], y, aweights=w)
        r = cov[0, 1] / math.sqrt(cov[0, 0] * cov[1, 1])
        close(f"{what}: r", row["r"], r)
        close(f"{what}: importance", row["importance"], imp[j])
        close(f"{what}: importance SE", row["importance_se"], se[j])
        close(f"{what}: importance low", row["importance_low"], imp[j] - t * se[j])
        close(f"{what}: importance high", row["importance_high"], imp[j] + t * se[j])
    if keep:
        r2 = {s: fit(y, x[:, s], w).rsquared for s in itertools.combinations(range(len(drivers)), keep)}
        best = max(r2, key=r2.get)
        kept = out["keep"][-1]
        C.equal(f"{label}: --keep {keep} drivers", kept["drivers"], ", ".join(drivers[k] for k in best))
        close(f"{label}: --keep {keep} R²", kept["r2"], r2[best])
    return out


def check_planted(path):
    """The drivers come out as built."""
    proc = run(["--outcome", "outcome", "--drivers", ",".join(DRIVER_NAMES), "--scale", "1-7",
                "--keep", "2", "-o", "json", path])
    out = json.loads(proc.stdout)
    rank = {row["driver"]: row["rank"] for row in out["groups"]}
    C.check({rank["strong1"], rank["strong2"]} == {1, 2}, f"planted: strong drivers first: {rank}")
    C.equal("planted: noise last", rank["noise"], len(DRIVER_NAMES))
    C.check(min(rank[d] for d in ("weak1", "weak2", "col1", "col2")) > 2,
            f"planted: weak and collinear drivers below the strong: {rank}")
    C.check("drivers col1 and col2 are collinear" in proc.stderr,
            f"planted: collinear pair warned: {proc.stderr!r}")
    C.check(proc.stderr.count("collinear") == 1, f"planted: only the pair warned: {proc.stderr!r}")
    C.equal("planted: --keep 2", out["keep"][0]["drivers"], "strong1, strong2")
    C.equal("planted: --keep 2 search", out["keep"][0]["search"], "exact")
    for method in ("shapley",):
        again = report(["--outcome", "outcome", "--drivers", ",".join(DRIVER_NAMES), "--scale",
                        "1-7", "--method", method, "-q", path])
        ranks = {row["driver"]: row["rank"] for row in again["groups"]}
        C.check({ranks["strong1"], ranks["strong2"]} == {1, 2} and ranks["noise"] == 7,
                f"planted, {method}: strong first and noise last: {ranks}")


def check_by(path, frame):
    """One analysis per group: each the analysis of that group's rows alone."""
    out = report(["--outcome", "outcome", "--drivers", ",".join(DRIVER_NAMES[:4]), "--scale",
                  "1-7", "--by", "region", "-q", path])
    for model in out["models"]:
        region = model["region"]
        part = frame if region == "(all)" else frame[frame["region"] == region]
        y, x, _ = complete_rows(part, "outcome", DRIVER_NAMES[:4])
        close(f"--by region {region}: R²", model["r2"], fit(y, x, None).rsquared)
        C.equal(f"--by region {region}: rows", model["rows"], len(part))


def check_accounting(path, frame):
    out = report(["--outcome", "outcome", "--drivers", ",".join(DRIVER_NAMES), "--scale", "1-7",
                  "-q", path])
    C.equal("blanks: rows", out["rows"], len(frame))
    for column in out["columns"]:
        C.equal(f"blanks: {column['column']} accounted",
                column["valid"] + column["missing"] + column["invalid"], len(frame))
    C.equal("blanks: invalid weak1", [c["invalid"] for c in out["columns"] if c["column"] == "weak1"][0],
            int((frame["weak1"] == "n/a?").sum()))


def check_errors(tmp):
    wide = tmp / "wide.csv"
    rng = np.random.default_rng(3)
    data = pd.DataFrame(rng.integers(1, 6, (200, 17)), columns=["y"] + [f"q{k}" for k in range(16)])
    data.to_csv(wide, index=False)
    names = ",".join(f"q{k}" for k in range(16))
    proc = run(["--outcome", "y", "--drivers", names, "--method", "shapley", wide], expect_rc=2)
    C.check("at most 15 drivers" in proc.stderr and "--samples" in proc.stderr,
            f"16 drivers refused with a way out: {proc.stderr!r}")
    out = report(["--outcome", "y", "--drivers", names, "--method", "shapley", "--samples", "200",
                  "--seed", "7", "-q", wide])
    y, x, _ = complete_rows(data.astype(str), "y", [f"q{k}" for k in range(16)])
    close("sampled Shapley: sums to R²", sum(r["importance"] for r in out["groups"]),
          fit(y, x, None).rsquared)
    again = report(["--outcome", "y", "--drivers", names, "--method", "shapley", "--samples", "200",
                    "--seed", "7", "-q", wide])
    C.equal("sampled Shapley: the same seed repeats", again, out)
    run(["--outcome", "y", "--drivers", "q1,q2", "--keep", "3", wide], expect_rc=2)
    out = report(["--outcome", "y", "--drivers", names, "--keep", "2", "-q", wide])
    C.equal("--keep over 15 drivers: greedy", out["keep"][0]["search"], "greedy")


def check_real(real_dir):
    path = pathlib.Path(real_dir) / "carpentries-instructor-training-post.csv"
    if not path.exists():
        print(f"SKIP real-data checks: {path} is absent")
        return
    items = ["InformationReasonableTime", "AtmosphereWelcoming", "LearnedSkills", "Material",
             "Recommend", "Worth"]
    out = report(["--outcome", "LikelyToRecommend", "--drivers", ",".join(items), "-q", path])
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    C.equal("real: rows", out["rows"], len(frame))
    mapped = pd.DataFrame({"LikelyToRecommend": pd.to_numeric(frame["LikelyToRecommend"],
                                                              errors="coerce")})
    for item in items:
        text = frame[item].str.replace("\u00a0", " ").str.strip().str.lower()
        mapped[item] = text.map(AGREEMENT)
        C.equal(f"real: {item} invalid", [c["invalid"] for c in out["columns"]
                                          if c["column"] == item][0], 0)
    for column in out["columns"]:
        C.equal(f"real: {column['column']} accounted",
                column["valid"] + column["missing"] + column["invalid"], len(frame))
    y, x, _ = complete_rows(mapped, "LikelyToRecommend", items)
    C.equal("real: complete rows", out["complete_rows"], len(y))
    close("real: R²", out["r2"], fit(y, x, None).rsquared)
    imp = relative_weights(y, x, None)
    for row in out["groups"]:
        close(f"real: {row['driver']} relative weight", row["importance"], imp[items.index(row["driver"])])


def main():
    global DRIVERS
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--drivers", required=True)
    ap.add_argument("--root", required=True)
    ap.add_argument("--real-data", help="folder of the real data sets (default: $KOE_REAL_DATA, "
                    "else ROOT/../shared/data/real)")
    opts = ap.parse_args()
    DRIVERS = opts.drivers
    root = pathlib.Path(opts.root).resolve()
    real = pathlib.Path(opts.real_data or os.environ.get("KOE_REAL_DATA")
                        or root.parent / "shared" / "data" / "real")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        plain = tmp / "plain.csv"
        frame = generate(plain, 1500, 11)
        check_against_reference(plain, frame, "plain", keep=3)
        check_against_reference(plain, frame, "plain shapley", method="shapley", groups=10)
        weighted = tmp / "weighted.csv"
        frame_w = generate(weighted, 1200, 12, weighted=True)
        check_against_reference(weighted, frame_w, "weighted", weight="w", keep=2)
        check_against_reference(weighted, frame_w, "weighted shapley", method="shapley",
                                weight="w", groups=8)
        check_against_reference(plain, frame, "one driver", drivers=["strong1"])
        check_planted(plain)
        check_by(plain, frame)
        blanks = tmp / "blanks.csv"
        frame_b = generate(blanks, 900, 13, blanks=True)
        check_accounting(blanks, frame_b)
        check_against_reference(blanks, frame_b, "with blanks", drivers=DRIVER_NAMES[:5])
        check_errors(tmp)
    check_real(real)
    print(f"drivers reference: {C.count} checks, {len(C.failures)} failed; largest difference "
          f"{WORST['difference']:.2g} ({WORST['what']})")
    return 1 if C.failures else 0


if __name__ == "__main__":
    sys.exit(main())
