#!/usr/bin/python3
"""Merged partial states give a single run's bytes, for any split.

    tests/scale_out/check_split.py --bin BUILD_DIR --root REPO

Cuts examples/responses.csv and a generated file (weights from tiny to huge, missing, NA-coded
and invalid answers and weights, blank and unreadable group values, several groups and
periods) into 1, 2, 7 and 64 shards of uneven size, some of them empty files, header-only
files or single rows. Each run of `TOOL OPTIONS --partial` reads a few consecutive shards;
`TOOL OPTIONS --merge` reads the partials in a shuffled order, some through standard input
as one byte-sorted stream. Its standard output, standard error and exit status must equal
those of `TOOL OPTIONS shard-000.csv shard-001.csv ...` (the single run over the same shards
named in order): in every output format on the 7-way split, as a table and as JSON on the
others; the JSON's input fact must name the encoding and preset the options gave. Exit 0 when
all agree, 1 otherwise.
"""
import argparse
import csv
import io
import json
import pathlib
import random
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

SPLITS = [1, 2, 7, 64]
FORMATS = ["table", "json", "ndjson", "csv", "md"]

RUNS = [
    ("nps", []),
    ("nps", ["--by", "plan"]),
    ("nps", ["--by", "plan,month(date)", "--weight", "weight", "--na", "99"]),
    ("nps", ["--by", "bins(weight, 0.5, 1, 1.5)", "--interval", "wald", "--min-n", "5000"]),
    ("nps", ["--by", "region", "--interval", "bootstrap", "--bootstrap-samples", "200"]),
    ("csat", ["--by", "region", "--weight", "weight", "--fail-under", "90"]),
    # Reading options reach the input fact through the partials: an encoding given (latin1
    # reads any bytes), and a preset (each shard's first row under its header is a label row).
    ("nps", ["--by", "plan", "--encoding", "latin1"]),
    ("csat", ["--by", "region", "--preset", "surveymonkey"]),
    ("ces", ["--by", "channel,quarter(date)", "--weight", "weight"]),
    ("segment", ["--by", "plan"]),
    ("segment", ["--by", "region,month(date)", "--weight", "weight", "--sort", "impact"]),
    ("segment", ["--metric", "csat", "--by", "plan,channel", "--crosstab", "--na", "6"]),
    ("segment", ["--metric", "mean", "--score", "ces", "--by", "bins(weight, 1)", "--weight", "weight"]),
    ("rca-tag", ["--summary", "-t", "{root}/examples/taxonomy-en.csv", "-t",
                 "{root}/examples/taxonomy-ja.csv", "--nps-score", "score"]),
    ("rca-tag", ["--summary", "-t", "{root}/examples/taxonomy-en.csv", "--csat-score", "csat",
                 "--by", "plan,quarter(date)", "--top-terms", "5"]),
]


def generated(path):
    rng = random.Random(14)
    rows = ["id,date,plan,region,channel,score,csat,ces,weight,comment"]
    comments = ["", "", "The refund took weeks", "app crashes, very slow", "料金が高い",
                "サポートが遅くない", "great support", '"quoted ""slow"" app"', "login fails again",
                "nothing to add", "解約できない", "price, price, price"]
    for i in range(3000):
        date = rng.choice(["2025-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))] * 8 +
                          ["", "soon"])
        plan = rng.choice(["free", "pro", "enterprise", "東京", ""])
        region = rng.choice(["north", "south", "east", "west", "10", "9"])
        channel = rng.choice(["web", "email", "app"])
        score = rng.choice([str(rng.randint(0, 10))] * 12 + ["", "NA", "99", "x", "11", "7.5"])
        csat = rng.choice([str(rng.randint(1, 5))] * 10 + ["", "6", "good"])
        ces = rng.choice([str(rng.randint(1, 7))] * 10 + ["", "0"])
        weight = rng.choice([str(round(rng.uniform(0.1, 2.5), rng.randint(1, 6)))] * 12 +
                            ["", "-1", "abc", "1e-30", "3.5e19", "0"])
        comment = rng.choice(comments)
        if "," in comment and not comment.startswith('"'):
            comment = '"' + comment + '"'
        rows.append(",".join([str(i), date, plan, region, channel, score, csat, ces, weight,
                              comment]))
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def shards(source, k, rng, folder):
    """k shard files of uneven sizes (empty and header-only ones among them when k > 2)."""
    # Records, not lines: comments hold quoted line breaks.
    with open(source, newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    def encoded(record):
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerow(record)
        return out.getvalue().encode()
    header, rows = encoded(records[0]), [encoded(r) for r in records[1:]]
    cuts = sorted(rng.randint(0, len(rows)) for _ in range(k - 1))
    if k > 2:
        cuts[0] = cuts[1]  # a shard with no rows
        cuts[-1] = min(len(rows), cuts[-2] + 1)  # a single row
    bounds = [0] + cuts + [len(rows)]
    folder.mkdir()
    paths = []
    for n in range(k):
        path = folder / ("shard-%03d.csv" % n)
        part = rows[bounds[n]:bounds[n + 1]]
        empty_file = k > 2 and n == 1 and not part
        path.write_bytes(b"" if empty_file else header + b"".join(part))
        paths.append(path)
    return paths


def run(command, stdin=None):
    done = subprocess.run(command, input=stdin, capture_output=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    args = parser.parse_args()
    rng = random.Random(64)
    failures = 0
    checked = 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = pathlib.Path(tmp_name)
        gen = tmp / "generated.csv"
        generated(gen)
        for source in [args.root / "examples" / "responses.csv", gen]:
            for k in SPLITS:
                folder = tmp / ("%s-%d" % (source.stem, k))
                paths = shards(source, k, rng, folder)
                for tool, options in RUNS:
                    command = [str(args.bin / tool)] + [o.format(root=args.root) for o in options]
                    # Consecutive shards per --partial run: any grouping merges alike.
                    groups, n = [], 0
                    while n < k:
                        take = rng.choice([1, 1, 2, 3])
                        groups.append(paths[n:n + take])
                        n += take
                    with ThreadPoolExecutor(max_workers=4) as pool:
                        results = list(pool.map(
                            lambda group: run(command + ["--partial"] + [str(p) for p in group]),
                            groups))
                    partials = []
                    for code, out, err in results:
                        if code != 0:
                            print(f"FAIL {tool} {options} --partial exited {code}: {err.decode()}")
                            failures += 1
                        partial = folder / ("partial-%s-%d.ndjson" % (tool, len(partials)))
                        partial.write_bytes(out)
                        partials.append(partial)
                    rng.shuffle(partials)
                    # The last partials arrive on standard input, byte-sorted as a reducer sees them.
                    piped = partials[len(partials) // 2:] if len(partials) > 1 else []
                    named = partials[:len(partials) - len(piped)]
                    stdin = b"".join(sorted(line for p in piped
                                            for line in p.read_bytes().splitlines(keepends=True)))
                    # Every format on one split; the numbers (JSON) and the layout (table) on all.
                    formats = FORMATS if k == 7 else ["table", "json"]
                    def compare(fmt):
                        single = run(command + ["-o", fmt] + [str(p) for p in paths])
                        merged = run(command + ["-o", fmt, "--merge"] + [str(p) for p in named] +
                                     (["-"] if piped else []), stdin)
                        return fmt, single, merged
                    with ThreadPoolExecutor(max_workers=4) as pool:
                        compared = list(pool.map(compare, formats))
                    for fmt, single, merged in compared:
                        checked += 1
                        if fmt == "json" and single[0] in (0, 1):
                            read_as = json.loads(single[1])["input"]
                            encoding = options[options.index("--encoding") + 1] \
                                if "--encoding" in options else "utf-8"
                            preset = options[options.index("--preset") + 1] \
                                if "--preset" in options else None
                            if [(r["encoding"], r["preset"]) for r in read_as] != [(encoding, preset)]:
                                failures += 1
                                print(f"FAIL {source.name} in {k}: {tool} {' '.join(options)}: "
                                      f"input {read_as}")
                        if merged != single:
                            failures += 1
                            print(f"FAIL {source.name} in {k}: {tool} {' '.join(options)} -o {fmt}")
                            print("  single:", single[0], single[1][:300], single[2][:300])
                            print("  merged:", merged[0], merged[1][:300], merged[2][:300])
                if k == 7:
                    # segment --compare: the baseline is the first shards, given as partials too.
                    command = [str(args.bin / "segment"), "--by", "plan", "--weight", "weight"]
                    partials = []
                    for path in paths:
                        code, out, err = run(command + ["--partial", str(path)])
                        partials.append(path.with_suffix(".segment-partial"))
                        partials[-1].write_bytes(out)
                    def compare_with(files):
                        return sum((["--compare", str(f)] for f in files[:3]), []) + ["--"] + \
                            [str(f) for f in files[3:]]
                    for fmt in ["table", "json"]:
                        single = run(command + ["-o", fmt] + compare_with(paths))
                        merged = run(command + ["-o", fmt, "--merge"] + compare_with(partials[::-1][4:] + partials[::-1][:4]))
                        checked += 1
                        if merged != single:
                            failures += 1
                            print(f"FAIL {source.name} in {k}: segment --compare -o {fmt}")
                            print("  single:", single[0], single[1][:300], single[2][:300])
                            print("  merged:", merged[0], merged[1][:300], merged[2][:300])
    print(f"split: {checked} merged outputs compared, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
