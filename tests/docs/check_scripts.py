#!/usr/bin/python3
"""The example scripts behave as their pages say, also under cron.

    tests/docs/check_scripts.py --bin BUILD_DIR --root REPO

Runs examples/ci-gate.sh, examples/nightly-report.sh and examples/nightly-html-report.sh
from a copy of examples/ beside a `build` link to BUILD_DIR (the layout of a clone built
with ./setup.sh), with cron's environment (only PATH=/usr/bin:/bin, HOME, LOGNAME), and
requires:

- a usage mistake (no or too few arguments) exits 2 with a `usage:` line on stderr, never
  1, the status of a failed check;
- each works as it is, the tools found beside the scripts (the crontab lines of
  examples/README.md are run as cron runs them by tests/docs/check_docs.py);
- a failed run (a malformed export; a tool not found) leaves the previous report exactly
  as it was, and nothing half-written beside it;
- KOE_BIN names the folder of the tools when the scripts are elsewhere.

And the detractor filter of `rca-tag --help`'s Miller example keeps only 0-6 answers: run
in tests/docs/fixtures/rca-tag/ (whose responses.csv has tagged comments scored -1, 7.5 and
N/A), every row it prints has an integer score from 0 to 6.

Exit status: 0 when every check passes, 1 otherwise.
"""
import argparse
import csv
import io
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

CRON_ENV = {"PATH": "/usr/bin:/bin", "LOGNAME": "koe", "SHELL": "/bin/sh"}
HANG_GUARD = 300  # seconds; a hang guard, never a speed check
RAGGED = "id,score,plan,weight\n1,9,pro,1\n2,7\n3,10,free,1\n"


class Checks:
    def __init__(self):
        self.failures = 0

    def check(self, ok, what, detail=""):
        print(("ok   " if ok else "FAIL ") + what)
        if not ok:
            self.failures += 1
            if detail:
                print("     " + detail.rstrip().replace("\n", "\n     "))


def run(args, cwd, env=None, extra=None):
    environment = dict(CRON_ENV, HOME=str(cwd))
    if env is not None:
        environment = env
    environment.update(extra or {})
    return subprocess.run(args, cwd=cwd, env=environment, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=HANG_GUARD)


def snapshot(folder):
    """Every file under folder, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def check_usage(c, clone, script, args_list):
    for args in args_list:
        done = run([str(clone / "examples" / script)] + args, clone)
        c.check(done.returncode == 2 and done.stderr.startswith("usage: ")
                and len(done.stderr.splitlines()) == 1,
                f"{script} {' '.join(args) or '(no arguments)'}: exit 2 with a usage line",
                f"exit {done.returncode}\n{done.stderr}")


def check_ci_gate(c, clone):
    check_usage(c, clone, "ci-gate.sh", [[], ["examples/responses.csv", "5"]])
    gate = str(clone / "examples" / "ci-gate.sh")
    done = run([gate, "examples/responses.csv", "5", "1000"], clone)
    c.check(done.returncode == 0 and done.stdout.startswith('{"n":2884,'),
            "ci-gate.sh under cron's PATH: passes with the overall row as JSON",
            f"exit {done.returncode}\n{done.stdout}{done.stderr}")
    done = run([gate, "examples/responses.csv", "20", "1000"], clone)
    c.check(done.returncode == 1 and "nps: check failed: NPS 11.93 is below --fail-under 20"
            in done.stderr, "ci-gate.sh: a floor above the NPS fails with exit 1",
            f"exit {done.returncode}\n{done.stderr}")
    done = run([gate, "ragged.csv", "5", "1000"], clone)
    c.check(done.returncode == 3, "ci-gate.sh: a malformed export fails with exit 3",
            f"exit {done.returncode}\n{done.stderr}")


def check_nightly(c, clone, tmp):
    script = clone / "examples" / "nightly-report.sh"
    check_usage(c, clone, "nightly-report.sh", [[], ["examples/responses.csv"]])
    out = tmp / "reports"
    done = run([str(script), "examples/responses.csv", str(out)], clone)
    reports = sorted(out.glob("nps-*.md"))
    text = reports[0].read_text(encoding="utf-8") if reports else ""
    c.check(done.returncode == 0 and len(reports) == 1 and "## By plan" in text
            and "| (all) | 2884 |" in text and "## By region, weighted" in text,
            "nightly-report.sh under cron's PATH: writes the dated report",
            f"exit {done.returncode}\n{done.stderr}\n{text[:400]}")
    if reports:
        mode = reports[0].stat().st_mode & 0o777
        c.check(mode == 0o644, "nightly-report.sh: the report has a new file's mode (umask 022)",
                f"mode {mode:o}")
    previous = snapshot(out)
    for what, args, extra in [
            ("a malformed export", [str(script), "ragged.csv", str(out)], None),
            ("no nps in KOE_BIN", [str(script), "examples/responses.csv", str(out)],
             {"KOE_BIN": str(tmp / "nowhere")})]:
        done = run(args, clone, extra=extra)
        c.check(done.returncode != 0 and snapshot(out) == previous,
                f"nightly-report.sh with {what}: fails, the previous report kept, nothing beside it",
                f"exit {done.returncode}\n{done.stderr}\n{sorted(snapshot(out))}")
    # The script copied elsewhere finds no build/ beside it: then PATH, or KOE_BIN.
    elsewhere = tmp / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(script, elsewhere)
    if shutil.which("nps", path=CRON_ENV["PATH"]):
        print("skip nightly-report.sh away from a clone without nps on PATH: an nps is installed "
              "in " + CRON_ENV["PATH"])
    else:
        done = run([str(elsewhere / "nightly-report.sh"), "examples/responses.csv",
                    str(tmp / "x")], clone)
        c.check(done.returncode == 127 and "nps: command not found" in done.stderr
                and not list((tmp / "x").glob("*")),
                "nightly-report.sh away from a clone, nps not on PATH: fails and writes nothing",
                f"exit {done.returncode}\n{done.stderr}")
    done = run([str(elsewhere / "nightly-report.sh"), "examples/responses.csv", str(tmp / "x")],
               clone, extra={"KOE_BIN": str(clone / "build")})
    c.check(done.returncode == 0 and len(list((tmp / "x").glob("nps-*.md"))) == 1,
            "nightly-report.sh away from a clone, with KOE_BIN: writes the report",
            f"exit {done.returncode}\n{done.stderr}")


def check_nightly_html(c, clone, tmp):
    script = clone / "examples" / "nightly-html-report.sh"
    check_usage(c, clone, "nightly-html-report.sh", [[], ["examples/responses.csv"]])
    out = tmp / "html"
    done = run([str(script), "examples/responses.csv", str(out)], clone)
    files = sorted(snapshot(out))
    c.check(done.returncode == 0 and "report.md" in files and "report.html" in files
            and "json/nps.json" in files,
            "nightly-html-report.sh under cron's PATH: writes report.md, report.html, json/",
            f"exit {done.returncode}\n{done.stderr}\n{files}")
    previous = snapshot(out)
    for what, args, extra in [
            ("a malformed export", [str(script), "ragged.csv", str(out)], None),
            ("no tools in KOE_BIN", [str(script), "examples/responses.csv", str(out)],
             {"KOE_BIN": str(tmp / "nowhere")})]:
        done = run(args, clone, extra=extra)
        c.check(done.returncode != 0 and snapshot(out) == previous
                and not list(out.glob(".report.*")),
                f"nightly-html-report.sh with {what}: fails, the previous report kept",
                f"exit {done.returncode}\n{done.stderr}\n{sorted(snapshot(out))}")


def check_help_filter(c, root, bin_dir, tmp):
    text = subprocess.run([str(bin_dir / "rca-tag"), "--help"], capture_output=True, text=True,
                          timeout=HANG_GUARD).stdout
    lines = text.splitlines()
    start = [k for k, line in enumerate(lines) if "| mlr " in line]
    c.check(len(start) == 1, "rca-tag --help has one Miller example")
    if len(start) != 1:
        return
    command = lines[start[0]].strip()
    k = start[0]
    while command.endswith("\\"):
        k += 1
        command = command[:-1].rstrip() + " " + lines[k].strip()
    command = re.split(r"\s{2,}", command)[0]  # a description after two spaces
    folder = tmp / "rca-tag-fixtures"
    shutil.copytree(root / "tests" / "docs" / "fixtures" / "rca-tag", folder)
    env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", LC_ALL="C.UTF-8")
    done = run(["bash", "-c", command.replace("mlr --icsv --opprint", "mlr --icsv --ocsv")],
               folder, env=env)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    scores = [row.get("score") for row in rows]
    bad = [s for s in scores if not re.fullmatch(r"[0-6]", s or "")]
    c.check(done.returncode == 0 and scores and not bad,
            "rca-tag --help's Miller example keeps only scores 0-6 (not -1, 7.5, N/A)",
            f"$ {command}\nexit {done.returncode}\nscores kept that are not 0-6: {bad}\n"
            f"{done.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    args = parser.parse_args()
    root, bin_dir = args.root.resolve(), args.bin.resolve()
    c = Checks()
    old_umask = os.umask(0o022)
    try:
        with tempfile.TemporaryDirectory(prefix="koe-scripts-") as name:
            tmp = pathlib.Path(name)
            clone = tmp / "koe"
            clone.mkdir()
            shutil.copytree(root / "examples", clone / "examples", symlinks=True)
            (clone / "build").symlink_to(bin_dir)
            (clone / "ragged.csv").write_text(RAGGED, encoding="utf-8")
            check_ci_gate(c, clone)
            check_nightly(c, clone, tmp)
            check_nightly_html(c, clone, tmp)
            check_help_filter(c, root, bin_dir, tmp)
    finally:
        os.umask(old_umask)
    print("all checks passed" if not c.failures else f"{c.failures} checks failed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
