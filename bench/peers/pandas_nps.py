#!/usr/bin/python3
"""NPS per plan with pandas, for koe's benchmark (bench/run.sh).

    /usr/bin/python3 bench/peers/pandas_nps.py FILE.csv

Reads only the two columns used (usecols=["plan", "score"], score as text, default C
engine), then prints one CSV row per plan, sorted by plan:
    plan,n,promoters,passives,detractors,nps
Rules, the same as koe's nps: an answer counts when pd.to_numeric(errors="coerce") gives a
number with an integral value in 0..10; blanks, "N/A", "ten", 7.5, -1, 11 are excluded.
Promoters 9-10, passives 7-8, detractors 0-6; NPS = 100 * (promoters - detractors) / n.
"""
import sys

import pandas as pd


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: pandas_nps.py FILE.csv", file=sys.stderr)
        return 2
    df = pd.read_csv(sys.argv[1], usecols=["plan", "score"], dtype={"plan": str, "score": str})
    x = pd.to_numeric(df["score"], errors="coerce")
    ok = x.notna() & (x == x.round()) & (x >= 0) & (x <= 10)
    s = x[ok].astype("int64")
    plan = df["plan"][ok]
    g = pd.DataFrame({
        "plan": plan,
        "promoters": (s >= 9),
        "passives": (s >= 7) & (s <= 8),
        "detractors": (s <= 6),
    }).groupby("plan", sort=True)
    out = g.sum()
    out.insert(0, "n", g.size())
    out["nps"] = 100.0 * (out["promoters"] - out["detractors"]) / out["n"]
    print("plan,n,promoters,passives,detractors,nps")
    for name, r in out.iterrows():
        print(f"{name},{int(r['n'])},{int(r['promoters'])},{int(r['passives'])},"
              f"{int(r['detractors'])},{r['nps']:.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
