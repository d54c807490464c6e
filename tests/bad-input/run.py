#!/usr/bin/python3
"""The bad-input catalogue: hostile inputs, each with the exit status and message it must get.

    tests/bad-input/run.py --bin BUILD_DIR --root REPO [--no-memory-limit] [--timeout S] [ID ...]

Runs every case of catalogue.tsv (next to this file), then the accounting checks.

catalogue.tsv has one case per line, tab-separated (lines starting with # are comments):

    id  command  exit  stderr  stdout  rss_mb  flags  known  description

- command: run with `bash -o pipefail -c` from the repo root, with BUILD_DIR first on PATH and
  $CASE_DIR (this folder), $TMP (the runner's temporary folder, holding the generated big
  files), $WIDE_COLUMNS (the number of columns of $TMP/wide-header.csv), $REAL
  (../shared/data/real or $KOE_REAL_DATA, when present) and $ROOT set;
- exit: the expected status, or several as 0|141 (141: killed by SIGPIPE, for `| head`);
- stderr, stdout: a substring the stream must contain; empty: the stream must be empty;
  `*`: not checked; `re:PATTERN`: a Python regular expression searched in the stream
  (multi-line mode); `!TEXT`: the stream must not contain TEXT; $WIDE_COLUMNS in them is
  replaced by its value;
- rss_mb: bound on the peak resident set size of the whole case (the tool, and bash and any
  other command of the pipeline); empty means 64 (streaming);
- flags: comma-separated; `real` needs the real-data folder (skipped without it); `nosan` is
  skipped when the tools are built with sanitizers;
- known: empty, or why the case is a known failure: the case states what the product should do,
  the tools do not do it yet; it is reported apart and does not fail the run (and a known
  failure that passes is reported, so its mark can be removed).

Whatever a case expects, these fail it: a hang (a hang guard, not a speed check: 120 s by
default, five times that for sanitizer builds), an exit status of
128 or more other than an expected 141, exit 70 (internal error) unless expected, "internal
error" or a sanitizer report on stderr, and more than 16 KiB on stderr (messages are one line).

The tools run under a 4 GiB address-space limit (RLIMIT_AS), except when they are built with
AddressSanitizer (detected from the binary, or ASAN_OPTIONS / KOE_SANITIZE set, or
--no-memory-limit), whose shadow memory needs far more; RSS bounds are then reported only, and
the big generated inputs are smaller (see SANITIZER_SIZES).

Accounting: for nps, csat and ces on every catalogue data file that parses (with and without
--allow-ragged; the generated big files; the real export), n + missing + invalid of the
overall row equals the number of data rows counted here with Python's csv / json modules; for
rca-tag in row mode, the NDJSON output has exactly one line per input row.

Exit status: 0 when every case and check passes (known failures aside), 1 otherwise.
"""
import argparse
import csv
import io
import json
import os
import pathlib
import re
import resource
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
TOOLS = ["nps", "csat", "ces", "rca-tag"]
DEFAULT_RSS_MB = 64
# A case that runs longer is a hang. The slowest case takes about 10 s in the plain build on a
# quiet machine; the guard leaves a wide margin for a busy or slower one.
HANG_GUARD_SECONDS = 120
SANITIZER_SLOWDOWN = 5
ADDRESS_LIMIT = 4 << 30
STDERR_LIMIT = 16 << 10
READ_LIMIT = 16 << 20
CRASH_MARKERS = ["internal error", "AddressSanitizer", "LeakSanitizer", "runtime error:",
                 "UndefinedBehaviorSanitizer", "terminate called", "Segmentation fault",
                 "core dumped"]


# ---------------------------------------------------------------- generated inputs

# The big inputs' sizes. Their cases bound memory, which only the plain build can measure (RSS
# bounds are not enforced under AddressSanitizer, and its tools run several times slower), so
# the sanitizer build reads smaller ones: still past the 1 MiB read buffer, the 64 KiB sniff and
# every growth step of the buffers, so the sanitizers see the same code paths, in seconds.
FULL_SIZES = {"field_mib": 100, "wide_columns": 10_000_000, "nul_mib": 50}
SANITIZER_SIZES = {"field_mib": 3, "wide_columns": 300_000, "nul_mib": 3}


def generate(tmp, bin_dir, sizes):
    """Writes the big inputs into tmp; returns the seconds taken."""
    started = time.monotonic()
    mib = 1 << 20
    # A big quoted field (the comment), between ordinary rows.
    with open(tmp / "big-field.csv", "wb") as f:
        f.write(b"id,score,comment\n1,9,\"")
        chunk = (b"slow delivery, \"\"quoted\"\"\nand a line break " * 30000)[:mib]
        for _ in range(sizes["field_mib"]):
            f.write(chunk)
        f.write(b"\"\n2,7,short\n3,10,app crashed\n")
    # A big unquoted field in the score column itself.
    with open(tmp / "big-score.csv", "wb") as f:
        f.write(b"score,comment\n")
        chunk = b"9" * mib
        for _ in range(sizes["field_mib"]):
            f.write(chunk)
        f.write(b",x\n9,y\n")
    # A header line of many columns (10 million: about 89 MB), no data.
    with open(tmp / "wide-header.csv", "wb") as f:
        columns = sizes["wide_columns"]
        step = 100_000
        for start in range(0, columns, step):
            names = ",".join("c%d" % i for i in range(start, min(start + step, columns)))
            f.write((names if start == 0 else "," + names).encode())
        f.write(b"\n")
    # NUL bytes, no extension (sniffed as delimited text: one header name of them all).
    with open(tmp / "nul-50mb", "wb") as f:
        zeros = b"\0" * mib
        for _ in range(sizes["nul_mib"]):
            f.write(zeros)
    # JSON nested 2000 deep: in an NDJSON record, in the second element of an array, in a
    # taxonomy.
    depth = 2000
    (tmp / "deep-2000.ndjson").write_text(
        '{"score":9,"comment":"fine"}\n{"score":7,"x":' + "[" * depth + "]" * depth + "}\n")
    (tmp / "deep-2000.json").write_text(
        '[\n{"score":9},\n{"score":7,"x":' + '{"a":' * depth + "1" + "}" * depth + "}\n]\n")
    (tmp / "deep-2000-top.json").write_text("[" * depth + "]" * depth + "\n")
    (tmp / "deep-taxonomy.json").write_text(
        '[{"tag":"a","pattern":"x","extra":' + "[" * depth + "]" * depth + "}]\n")
    # Realistic responses for the `| head -1` cases (about 4 MB, 50 000 rows).
    with open(tmp / "responses.csv", "wb") as f:
        subprocess.run([str(bin_dir / "gen-responses"), "--rows", "50000", "--seed", "3"],
                       stdout=f, check=True)
    return time.monotonic() - started


# ---------------------------------------------------------------- running one command

def uses_sanitizers(bin_dir):
    if os.environ.get("ASAN_OPTIONS") or os.environ.get("KOE_SANITIZE"):
        return True
    for tool in TOOLS:
        path = bin_dir / tool
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if b"__asan_init" in data or b"__ubsan_handle" in data or b"__msan_init" in data:
            return True
        try:
            libs = subprocess.run(["ldd", str(path)], capture_output=True, text=True).stdout
            if "libasan" in libs or "libubsan" in libs:
                return True
        except OSError:
            pass
    return False


class Result:
    def __init__(self, code, out, err, rss_mb, seconds, timed_out):
        self.code, self.out, self.err = code, out, err
        self.rss_mb, self.seconds, self.timed_out = rss_mb, seconds, timed_out


def run_command(command, env, cwd, timeout, limit_memory):
    """Runs command in bash with pipefail; returns a Result with the peak RSS of the bash
    process and everything it waited for (wait4's rusage covers reaped descendants)."""

    def preexec():
        if limit_memory:
            resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(["bash", "-o", "pipefail", "-c", command], cwd=cwd, env=env,
                                stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                start_new_session=True, preexec_fn=preexec)
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        try:  # whatever the case left running in its session
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        seconds = time.monotonic() - started
        code = proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
        outputs = []
        for stream in (out, err):
            stream.seek(0)
            outputs.append(stream.read(READ_LIMIT).decode("utf-8", "replace"))
        return Result(code, outputs[0], outputs[1], usage.ru_maxrss / 1024, seconds,
                      timed_out.is_set())


def run_with_retry(command, env, cwd, timeout, limit_memory, bin_dir):
    """Others may be rebuilding the tools: a tool briefly missing is retried, not a failure."""
    for attempt in range(6):
        result = run_command(command, env, cwd, timeout, limit_memory)
        # 126/127: bash could not run a tool (missing, half-written, busy); no case expects it.
        if result.code not in (126, 127):
            return result
        time.sleep(2 + attempt * 2)
    return result


# ---------------------------------------------------------------- the cases

def read_catalogue(path):
    fields = ["id", "command", "exit", "stderr", "stdout", "rss_mb", "flags", "known",
              "description"]
    cases, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if parts[0] == "id":
            continue
        if len(parts) != len(fields):
            raise SystemExit(f"{path}:{number}: expected {len(fields)} tab-separated fields, "
                             f"found {len(parts)}")
        case = dict(zip(fields, parts))
        if case["id"] in seen:
            raise SystemExit(f"{path}:{number}: duplicate id {case['id']}")
        seen.add(case["id"])
        case["exits"] = {int(x) for x in case["exit"].split("|")}
        case["rss"] = float(case["rss_mb"]) if case["rss_mb"] else DEFAULT_RSS_MB
        case["flags"] = {f.strip() for f in case["flags"].split(",") if f.strip()}
        cases.append(case)
    return cases


def check_stream(name, expected, actual):
    if expected == "*":
        return None
    if expected == "":
        return None if actual == "" else f"{name} should be empty"
    if expected.startswith("re:"):
        if re.search(expected[3:], actual, re.M):
            return None
        return f"{name} does not match /{expected[3:]}/"
    if expected.startswith("!"):
        return None if expected[1:] not in actual else f"{name} contains {expected[1:]!r}"
    return None if expected in actual else f"{name} lacks {expected!r}"


def judge(case, result, enforce_rss):
    problems = []
    if result.timed_out:
        problems.append("hang: killed after the timeout")
    if result.code not in case["exits"]:
        problems.append(f"exit {result.code}, expected {case['exit']}")
    if result.code >= 128 and result.code not in case["exits"]:
        problems.append(f"crash: killed by signal {result.code - 128}")
    if result.code == 70 and 70 not in case["exits"]:
        problems.append("internal error (exit 70)")
    for marker in CRASH_MARKERS:
        if marker in result.err:
            problems.append(f"stderr has {marker!r}")
    if len(result.err.encode()) > STDERR_LIMIT:
        problems.append(f"stderr is {len(result.err.encode())} bytes (messages are one line)")
    for name, expected, actual in (("stderr", case["stderr"], result.err),
                                   ("stdout", case["stdout"], result.out)):
        problem = check_stream(name, expected, actual)
        if problem:
            problems.append(problem)
    if enforce_rss and result.rss_mb > case["rss"]:
        problems.append(f"peak RSS {result.rss_mb:.0f} MB over the bound {case['rss']:.0f} MB")
    return problems


def show(text, limit=600):
    text = text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"
    return text.replace("\n", "\n      ")


# ---------------------------------------------------------------- accounting

def sniff_delimiter(text):
    counts = {c: 0 for c in ",\t;|"}
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in "\r\n":
            break
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts.values())
    return next(c for c in ",\t;|" if counts[c] == best)


def count_rows(path, skip_rows=0):
    """(header, number of data rows) as an independent reader sees them, or None when the file
    is not one Python reads either."""
    data = path.read_bytes()
    text = data.decode("latin-1")  # byte-transparent: every byte one character
    if text.startswith("\xef\xbb\xbf"):
        text = text[3:]
    first = text.lstrip(" \t\r\n")[:1]
    suffix = path.suffix.lower()
    if suffix in (".json", ".ndjson", ".jsonl") or (suffix not in (".csv", ".tsv", ".tab")
                                                    and first in ("[", "{")):
        try:
            body = data.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError:
            return None
        try:
            if body.lstrip().startswith("["):
                objects = json.loads(body)
            else:
                decoder, objects, at = json.JSONDecoder(), [], 0
                while True:
                    while at < len(body) and body[at] in " \t\r\n":
                        at += 1
                    if at == len(body):
                        break
                    value, at = decoder.raw_decode(body, at)
                    objects.append(value)
        except (ValueError, RecursionError):
            return None
        if not objects or not all(isinstance(o, dict) for o in objects):
            return None
        return list(objects[0].keys()), len(objects)
    delimiter = "\t" if suffix in (".tsv", ".tab") else sniff_delimiter(text)
    csv.field_size_limit(sys.maxsize)
    try:
        records = [r for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                   if r != []]
    except csv.Error:
        return None
    if not records:
        return None
    return records[0], max(0, len(records) - 1 - skip_rows)


def column_for(header, preferred):
    """--score / --text argument: the preferred name when it names one column, else a position
    (the first column of that name, or the last column)."""
    hits = [i for i, name in enumerate(header) if name == preferred]
    if len(hits) == 1 and not preferred.isdigit():
        return preferred
    return str(hits[0] + 1 if hits else len(header))


def accounting_inputs(tmp, real):
    """(label, path, extra options, rows skipped after the header, try --allow-ragged)."""
    inputs = []
    for path in sorted(HERE.iterdir()):
        if path.suffix in (".csv", ".tsv", ".json", ".ndjson") and path.is_file():
            inputs.append((path.name, path, [], 0, True))
    for name in ("big-field.csv", "big-score.csv", "wide-header.csv", "nul-50mb",
                 "deep-2000.ndjson", "deep-2000.json", "responses.csv"):
        inputs.append(("$TMP/" + name, tmp / name, [], 0, False))
    if real:
        star_wars = real / "fivethirtyeight-star-wars-surveymonkey.csv"
        if star_wars.is_file():
            inputs.append(("$REAL/" + star_wars.name, star_wars, ["--preset", "surveymonkey"], 1,
                           False))
            inputs.append(("$REAL/" + star_wars.name + " (windows-1252)", star_wars,
                           ["--preset", "surveymonkey", "--encoding", "windows-1252"], 1, False))
    return inputs


def run_accounting(args, env, root, tmp, real, limit_memory, bin_dir):
    failures, checked, unparsed = [], 0, []
    defaults = {"nps": "score", "csat": "csat", "ces": "ces", "rca-tag": "comment"}
    taxonomy = root / "tests" / "data" / "taxonomy.csv"
    for label, path, extra, skip, try_ragged in accounting_inputs(tmp, real):
        counted = count_rows(path, skip)
        for ragged in ([False, True] if try_ragged else [False]):
            options = extra + (["--allow-ragged"] if ragged else [])
            for tool in TOOLS:
                # rca-tag's rows of these two are counted by their own cases (wide-header-rca,
                # nul-50mb-rca), the slowest runs of the catalogue: not twice.
                if tool == "rca-tag" and label in ("$TMP/wide-header.csv", "$TMP/nul-50mb"):
                    continue
                column = column_for(counted[0], defaults[tool]) if counted else "1"
                # NDJSON: rca-tag's rows, one a line (counted by wc, as a row can be 300 MB);
                # the metric tools' overall row, without the facts (which repeat the column
                # name, 50 MB for one input here).
                if tool == "rca-tag":
                    argv = [tool, "-q", "-t", str(taxonomy), "--text", column, "-o", "ndjson"]
                else:
                    argv = [tool, "-q", "--score", column, "-o", "ndjson"]
                argv += options + [str(path)]
                command = " ".join(shlex.quote(a) for a in argv)
                if tool == "rca-tag":
                    command += " | wc -l"
                result = run_with_retry(command, env, root, args.timeout, limit_memory, bin_dir)
                what = f"{tool} {' '.join(options)} {label}".replace("  ", " ")
                crash = [m for m in CRASH_MARKERS if m in result.err]
                if result.timed_out or result.code >= 128 or result.code == 70 or crash:
                    failures.append((what, command, f"crash or hang: exit {result.code} "
                                     f"{show(result.err)}"))
                    continue
                if result.code != 0:
                    if result.code not in (2, 3):
                        failures.append((what, command, f"exit {result.code}: {show(result.err)}"))
                    elif tool == "nps":
                        unparsed.append(f"{label}{' --allow-ragged' if ragged else ''}: "
                                        f"exit {result.code}")
                    continue
                if counted is None:
                    failures.append((what, command, "the tool read a file Python's csv/json "
                                     "cannot count"))
                    continue
                rows = counted[1]
                checked += 1
                if tool == "rca-tag":
                    lines = int(result.out.strip() or -1)
                    if lines != rows:
                        failures.append((what, command, f"{lines} output rows for {rows} input rows"))
                    continue
                try:
                    overall = json.loads(result.out.splitlines()[-1])
                    total = overall["n"] + overall["missing"] + overall["invalid"]
                except (ValueError, KeyError, TypeError, IndexError) as error:
                    failures.append((what, command, f"unreadable NDJSON output: {error}"))
                    continue
                if total != rows:
                    failures.append((what, command, f"n {overall['n']} + missing "
                                     f"{overall['missing']} + invalid {overall['invalid']} = "
                                     f"{total}; the file has {rows} data rows"))
    return checked, failures, unparsed


# ---------------------------------------------------------------- main

def real_data_dir(root):
    env = os.environ.get("KOE_REAL_DATA")
    path = pathlib.Path(env) if env else root.parent / "shared" / "data" / "real"
    return path.resolve() if path.is_dir() else None


def wait_for_tools(bin_dir):
    for _ in range(30):
        if all((bin_dir / t).exists() for t in TOOLS + ["gen-responses"]):
            return True
        time.sleep(2)
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, help="folder of the built tools")
    parser.add_argument("--root", required=True, help="the repository")
    parser.add_argument("--timeout", type=float,
                        help=f"seconds a case may take before it counts as a hang (default "
                             f"{HANG_GUARD_SECONDS:.0f}, times {SANITIZER_SLOWDOWN} for sanitizer "
                             f"builds)")
    parser.add_argument("--no-memory-limit", action="store_true",
                        help="no address-space limit and no RSS bounds (sanitizer builds)")
    parser.add_argument("--no-accounting", action="store_true", help="skip the accounting checks")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("ids", nargs="*", help="run only these cases")
    args = parser.parse_args()
    started = time.monotonic()
    root = pathlib.Path(args.root).resolve()
    bin_dir = pathlib.Path(args.bin).resolve()
    if not wait_for_tools(bin_dir):
        print(f"bad-input: the tools are not in {bin_dir}", file=sys.stderr)
        return 1
    sanitized = args.no_memory_limit or uses_sanitizers(bin_dir)
    limit_memory = not sanitized
    if args.timeout is None:
        args.timeout = HANG_GUARD_SECONDS * (SANITIZER_SLOWDOWN if sanitized else 1)
    sizes = SANITIZER_SIZES if sanitized else FULL_SIZES
    real = real_data_dir(root)
    cases = read_catalogue(HERE / "catalogue.tsv")
    if args.ids:
        unknown = set(args.ids) - {c["id"] for c in cases}
        if unknown:
            print(f"bad-input: no case {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        cases = [c for c in cases if c["id"] in args.ids]

    tmp = pathlib.Path(tempfile.mkdtemp(prefix="koe-bad-input-"))
    try:
        generated = generate(tmp, bin_dir, sizes)
        env = dict(os.environ)
        env.update(PATH=f"{bin_dir}:{env.get('PATH', '/usr/bin:/bin')}", LC_ALL="C.UTF-8",
                   CASE_DIR=str(HERE), TMP=str(tmp), ROOT=str(root),
                   WIDE_COLUMNS=str(sizes["wide_columns"]))
        for case in cases:
            for stream in ("stderr", "stdout"):
                case[stream] = case[stream].replace("$WIDE_COLUMNS", env["WIDE_COLUMNS"])
        if real:
            env["REAL"] = str(real)
        else:
            env.pop("REAL", None)
        print(f"bad-input: {len(cases)} cases; big inputs ({sizes['field_mib']} MiB fields, "
              f"{sizes['wide_columns']} columns, {sizes['nul_mib']} MiB of NULs) generated in "
              f"{generated:.1f} s; hang guard {args.timeout:.0f} s a case; "
              f"{'sanitizer build: no memory limit, RSS not enforced' if sanitized else 'RLIMIT_AS 4 GiB'}"
              f"{'' if real else '; no real data'}")
        passed, failed, known, fixed, skipped = [], [], [], [], []
        for case in cases:
            if "real" in case["flags"] and not real:
                skipped.append((case["id"], "no real data"))
                continue
            if "nosan" in case["flags"] and sanitized:
                skipped.append((case["id"], "sanitizer build"))
                continue
            result = run_with_retry(case["command"], env, root, args.timeout, limit_memory,
                                    bin_dir)
            problems = judge(case, result, limit_memory)
            status = "ok"
            if problems and case["known"]:
                status = "KNOWN"
                known.append((case, result, problems))
            elif problems:
                status = "FAIL"
                failed.append((case, result, problems))
            elif case["known"]:
                status = "FIXED?"
                fixed.append(case)
            else:
                passed.append(case)
            print(f"{status:7} {case['id']:36} exit {result.code:3}  {result.seconds:6.2f} s  "
                  f"RSS {result.rss_mb:7.1f} MB (bound {case['rss']:.0f})", flush=True)

        checked, account_failures, unparsed = (0, [], [])
        if not args.no_accounting and not args.ids:
            account_started = time.monotonic()
            checked, account_failures, unparsed = run_accounting(
                args, env, root, tmp, real, limit_memory, bin_dir)
            print(f"accounting: {checked} tool runs checked, {len(account_failures)} wrong, in "
                  f"{time.monotonic() - account_started:.1f} s; inputs that nps does not read "
                  f"(input or usage error, skipped): {len(unparsed)}")

        for case, result, problems in failed + known:
            tag = "KNOWN FAILURE" if case["known"] else "FAILURE"
            print(f"\n{tag} {case['id']}: {case['description']}")
            if case["known"]:
                print(f"  known because: {case['known']}")
            print(f"  $ {case['command']}")
            for problem in problems:
                print(f"  - {problem}")
            print(f"  exit {result.code}; stderr: {show(result.err)}")
            if case["stdout"] not in ("", "*"):
                print(f"  stdout: {show(result.out)}")
        for case in fixed:
            print(f"\nPASSES NOW (remove its known-failure mark?) {case['id']}: $ {case['command']}")
        for what, command, problem in account_failures:
            print(f"\nACCOUNTING FAILURE {what}\n  $ {command}\n  - {problem}")
        print(f"\nbad-input: {len(passed)} passed, {len(failed)} failed, {len(known)} known "
              f"failures, {len(fixed)} known failures now passing, {len(skipped)} skipped"
              f"{' (' + ', '.join(f'{i}: {why}' for i, why in skipped) + ')' if skipped else ''}; "
              f"accounting {checked - len(account_failures)}/{checked} ok; "
              f"{time.monotonic() - started:.1f} s")
        return 1 if failed or account_failures else 0
    finally:
        if args.keep:
            print(f"bad-input: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
