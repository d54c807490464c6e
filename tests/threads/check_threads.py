#!/usr/bin/python3
"""Every tool gives the same bytes whatever the number of threads.

    tests/threads/check_threads.py --bin BUILD_DIR --root REPO

Runs nps, csat, ces, segment, drivers and rca-tag (rows, which must keep input order) on every
delimited and NDJSON file of the test suite (tests/data, tests/bad-input, examples) and on
generated files built to put chunk edges in
awkward places (NDJSON objects printed over several lines among them)
(inside quoted fields with line breaks, between CR and LF, inside multi-byte UTF-8 characters,
right after a BOM, among literal and doubled quotes), with --threads 1 and then 2, 3 and 8
threads at chunk sizes down to one byte (--chunk-bytes, a test hook), and requires the same
standard output, standard error and exit status as one thread: grouped, weighted and failing
runs included. Exit 0 when all agree, 1 otherwise.
"""
import argparse
import concurrent.futures
import os
import pathlib
import random
import subprocess
import sys
import tempfile

THREADS = [2, 3, 8]
CHUNK_BYTES = [1, 7, 64, 4096]


def generated(tmp):
    """Files whose records cross chunk edges in every awkward way."""
    rng = random.Random(5)
    files = []
    comments = ['"slow, very ""slow""\nreally"', '"東京は遅い、とても"', 'plain', '"a\r\nb"', '',
                '5" screen', '"ends with quote """', '"multi\n\nline\n"', 'é€ı', '"x"y']
    for name, line_end, bom in [("lf.csv", "\n", False), ("crlf.csv", "\r\n", False),
                                ("cr.csv", "\r", False), ("bom.csv", "\n", True)]:
        rows = ["id,plan,score,weight,date,comment"]
        for i in range(400):
            score = rng.choice(["0", "6", "7", "9", "10", "", "NA", "x", " 8 "])
            plan = rng.choice(["free", "pro", "東京", '"quoted, plan"', ""])
            date = rng.choice(["2025-01-0%d" % rng.randint(1, 9), "3/4/25 10:00", "", "soon"])
            weight = rng.choice(["1", "0.5", "2.25", "", "-1"])
            rows.append(",".join([str(i), plan, score, weight, date, rng.choice(comments)]))
        text = line_end.join(rows) + line_end
        path = tmp / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode())
        files.append(path)
    return files


def generated_rows(tmp):
    """For rca-tag rows: comments that fire rules, comments that are not UTF-8 (warned about
    with the first one's line, which only the chunks before it can tell), and a ragged row far
    into the file, whose error must come after exactly the rows one thread writes."""
    rng = random.Random(7)
    comments = [b'"the app is slow,\nvery slow"', b'"\xe3\x82\xa2\xe3\x83\x97\xe3\x83\xaa\xe3\x81\x8c'
                b'\xe9\x81\x85\xe3\x81\x84"', b'not slow at all', b'"charged twice\r\nrefund please"',
                b'bad \xff byte', b'', b'"crash ""again"""', b'login fails']
    files = []
    for name, ragged_at in [("rows-utf8.csv", None), ("rows-ragged.csv", 700)]:
        rows = [b"id,score,comment"]
        for i in range(900):
            rows.append(b"%d,%d,%s" % (i, rng.randint(0, 10), rng.choice(comments)))
            if i == ragged_at:
                rows.append(b"%d,1,x,extra" % i)
        path = tmp / name
        path.write_bytes(b"\n".join(rows) + b"\n")
        files.append(path)
    return files


def generated_json(tmp, bin_dir):
    """NDJSON: one object a line, and objects printed over several lines (where a line inside
    an object can look like the start of one: the threads must notice and read it again)."""
    ndjson = tmp / "responses.ndjson"
    with open(ndjson, "wb") as f:
        subprocess.run([str(bin_dir / "gen-responses"), "--rows", "2000", "--format", "ndjson"],
                       stdout=f, check=True)
    pretty = tmp / "pretty.ndjson"
    lines = ndjson.read_text(encoding="utf-8").splitlines()
    pretty.write_text("".join(line.replace(',"score"', ',\n  "nested":\n{"a": 1},\n "score"') + "\n"
                              for line in lines[:300]), encoding="utf-8")
    return [ndjson, pretty]


def inputs(root, tmp, bin_dir):
    paths = []
    for folder in ("tests/data", "tests/bad-input", "examples"):
        for pattern in ("*.csv", "*.tsv", "*.ndjson"):
            paths += sorted((root / folder).glob(pattern))
    return paths + generated(tmp) + generated_rows(tmp) + generated_json(tmp, bin_dir)


def commands(path, root):
    """Tool runs that read `path` whatever its columns are (by position where needed)."""
    p = str(path)
    taxonomy = ["-t", str(root / "examples/taxonomy-en.csv"), "-t",
                str(root / "examples/taxonomy-ja.csv")]
    rca = ["rca-tag"] + taxonomy
    return [
        rca + ["--text", "3", p],
        rca + ["--text", "2", "-o", "ndjson", "--allow-ragged", p],
        rca + ["--text", "comment", p],
        ["nps", "--score", "3", "-o", "csv", p],
        ["nps", "--score", "3", "--by", "2", "-o", "json", p],
        ["nps", "--score", "3", "--by", "2", "--weight", "4", "--allow-ragged", "-o", "csv", p],
        ["csat", "--score", "3", "--scale", "0-10", "--by", "2", "--allow-ragged", p],
        ["ces", "--score", "3", "--scale", "0-10", "--strict", "-o", "ndjson", p],
        ["segment", "--score", "3", "--by", "2", "--allow-ragged", "-o", "csv", p],
        ["segment", "--score", "3", "--by", "month(5)", "--allow-ragged", p],
        ["drivers", "--outcome", "3", "--drivers", "1,4", "--scale", "0-10", "--by", "2",
         "--allow-ragged", "-o", "csv", p],
    ]


def many_groups(tmp, bin_dir):
    """Runs whose report has more rows than one block of rows the writers format per thread
    (2048): every output format, so the blocks must come out in order."""
    path = tmp / "many-groups.csv"
    with open(path, "wb") as f:
        subprocess.run([str(bin_dir / "gen-responses"), "--rows", "9000", "--seed", "3"],
                       stdout=f, check=True)
    runs = []
    for output in ("table", "json", "ndjson", "csv", "md"):
        runs.append(["nps", "--by", "id", "-o", output, str(path)])
        runs.append(["csat", "--score", "csat", "--by", "id,plan", "-o", output, str(path)])
    runs.append(["nps", "--by", "id", "--weight", "weight", "-o", "json", str(path)])
    return runs


def run(bin_dir, argv):
    proc = subprocess.run([str(bin_dir / argv[0])] + argv[1:], capture_output=True, timeout=600)
    return proc.returncode, proc.stdout, proc.stderr


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--chunk-bytes", default=",".join(map(str, CHUNK_BYTES)),
                        help="chunk sizes to try, comma-separated (sanitizer builds try fewer)")
    args = parser.parse_args()
    chunks = [int(c) for c in args.chunk_bytes.split(",")]
    bin_dir = pathlib.Path(args.bin).resolve()
    root = pathlib.Path(args.root).resolve()
    # Each run is compared with one thread; runs go two at a time (a process
    # each), and a chunk size the file does not exceed cuts nothing, so it is
    # not run.
    jobs = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in inputs(root, pathlib.Path(tmp), bin_dir):
            size = path.stat().st_size
            for argv in commands(path, root):
                for threads in THREADS:
                    for chunk in chunks:
                        if chunk < size:
                            jobs.append((argv, ["--threads", str(threads), "--chunk-bytes", str(chunk)]))
        for argv in many_groups(pathlib.Path(tmp), bin_dir):
            for threads in THREADS:
                jobs.append((argv, ["--threads", str(threads)]))

        # The one-thread runs first: the pool only reads them.
        one_thread = {}
        for argv in dict.fromkeys(tuple(argv) for argv, _ in jobs):
            one_thread[argv] = run(bin_dir, [argv[0], "--threads", "1"] + list(argv[1:]))

        def compare(job):
            argv, options = job
            one = one_thread[tuple(argv)]
            many = run(bin_dir, argv[:1] + options + argv[1:])
            if many == one:
                return None
            what = "exit" if many[0] != one[0] else "stdout" if many[1] != one[1] else "stderr"
            return (f"DIFFERS ({what}) with {' '.join(options)}: {' '.join(argv)}\n"
                    f"  one thread: {one[0]} {one[2][:300]!r}\n"
                    f"  {options[1]} threads: {many[0]} {many[2][:300]!r}")

        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            differences = [d for d in pool.map(compare, jobs) if d]
    for difference in differences:
        print(difference, flush=True)
    checked, failures = len(jobs), len(differences)
    print(f"threads: {checked} runs compared with one thread, {failures} differ")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
