#!/usr/bin/python3
"""The scale-out examples, driven by real engines, give a single run's bytes.

    tests/scale_out/check_engines.py --bin BUILD_DIR --root REPO

Cuts examples/responses.csv into uneven shards, then runs examples/scale-out/dask_merge.py
(a Dask LocalCluster of 2 workers) and examples/scale-out/parallel_merge.sh (GNU parallel,
local jobs) for nps and segment, and requires the standard output, standard error and exit
status of `TOOL OPTIONS shard...` run once. Exit 0 when all agree, 1 otherwise.
"""
import argparse
import csv
import os
import pathlib
import subprocess
import sys
import tempfile

RUNS = [
    ("nps", ["--by", "plan", "--weight", "weight"]),
    ("segment", ["--by", "region,month(date)", "-o", "json"]),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    args = parser.parse_args()
    bin_dir = args.bin.resolve()
    examples = args.root.resolve() / "examples" / "scale-out"
    failures = 0
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = pathlib.Path(tmp_name)
        with open(args.root / "examples" / "responses.csv", newline="", encoding="utf-8") as f:
            records = list(csv.reader(f))
        shards = []
        for n, (begin, end) in enumerate([(1, 400), (400, 401), (401, 401), (401, 2000),
                                          (2000, len(records))]):
            name = "shard-%d.csv" % n
            with open(tmp / name, "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f, lineterminator="\n")
                writer.writerow(records[0])
                writer.writerows(records[begin:end])
            shards.append(name)
        env = dict(os.environ, KOE_BIN=str(bin_dir), JOBS="2")
        for tool, options in RUNS:
            single = subprocess.run([str(bin_dir / tool)] + options + shards, cwd=tmp,
                                    capture_output=True, timeout=60)
            engines = {
                "dask": [sys.executable, str(examples / "dask_merge.py"), "--bin", str(bin_dir),
                         tool] + options + ["--"] + shards,
                "parallel": [str(examples / "parallel_merge.sh"), tool] + options + ["--"] + shards,
            }
            for engine, command in engines.items():
                merged = subprocess.run(command, cwd=tmp, env=env, capture_output=True, timeout=120)
                same = (merged.returncode, merged.stdout, merged.stderr) == (
                    single.returncode, single.stdout, single.stderr)
                print(f"{'ok  ' if same else 'FAIL'} {engine}: {tool} {' '.join(options)}")
                if not same:
                    failures += 1
                    print("  single:", single.returncode, single.stdout[:300], single.stderr[:300])
                    print("  merged:", merged.returncode, merged.stdout[:300], merged.stderr[:300])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
