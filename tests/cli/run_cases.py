#!/usr/bin/python3
"""End-to-end tests: run the built tools on files and compare with expected output.

Each tests/cli/cases/*.case file holds one case:

    # what the case shows (comment lines)
    $ nps --by plan tests/data/small.csv      (a bash command, run from the repo root
                                               with the build folder first on PATH)
    exit 0
    --- stdout                                 (exact expected standard output)
    ...
    --- stderr                                 (exact expected standard error)
    ...
    --- stdout contains                        (lines that must each appear in stdout)
    ...

A missing stdout/stderr section means "anything". `requires real-data` skips the case
when ../shared/data/real (or $KOE_REAL_DATA) is absent. `--update` rewrites the exact
sections from the current output, for review with git diff.
"""
import argparse
import os
import pathlib
import subprocess
import sys

SKIP = 77  # CTest's conventional "skipped" status (set as SKIP_RETURN_CODE)


def parse_case(path):
    case = {"command": None, "exit": 0, "sections": {}, "order": [], "requires": []}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("--- "):
            current = line[4:].strip()
            case["sections"][current] = ""
            case["order"].append(current)
        elif current is not None:
            case["sections"][current] += line
        elif line.startswith("$ "):
            case["command"] = line[2:].rstrip("\n")
        elif line.startswith("exit "):
            case["exit"] = int(line.split()[1])
        elif line.startswith("requires "):
            case["requires"].append(line.split()[1])
    return case


def real_data_dir(root):
    env = os.environ.get("KOE_REAL_DATA")
    path = pathlib.Path(env) if env else root.parent / "shared" / "data" / "real"
    return path if path.is_dir() else None


def run_case(case, root, bin_dir):
    env = dict(os.environ)
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    env["LC_ALL"] = "C.UTF-8"
    real = real_data_dir(root)
    if real:
        env["REAL"] = str(real)
    stdin = case["sections"].get("stdin", "").encode()
    done = subprocess.run(["bash", "-c", case["command"]], cwd=root, env=env, input=stdin,
                          capture_output=True, timeout=120)
    return done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")


def write_updated(path, case, code, out, err):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)]
    head = []
    for line in lines:
        if line.startswith("--- "):
            break
        head.append("exit %d\n" % code if line.startswith("exit ") else line)
    text = "".join(head)
    for name in case["order"]:
        body = case["sections"][name]
        if name == "stdout":
            body = out
        elif name == "stderr":
            body = err
        text += f"--- {name}\n{body}"
    path.write_text(text, encoding="utf-8")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("names", nargs="*")
    args = parser.parse_args()
    root = pathlib.Path(args.root).resolve()
    cases = sorted((root / "tests" / "cli" / "cases").glob("*.case"))
    if args.names:
        cases = [c for c in cases if c.stem in args.names]
    failures, skipped = [], []
    for path in cases:
        case = parse_case(path)
        if "real-data" in case["requires"] and not real_data_dir(root):
            skipped.append(path.stem)
            continue
        code, out, err = run_case(case, root, pathlib.Path(args.bin).resolve())
        problems = []
        if not any(name.split()[0] in ("stdout", "stderr") for name in case["sections"]):
            problems.append("no --- stdout or --- stderr section: the case could not fail")
        if code != case["exit"]:
            problems.append(f"exit {code}, expected {case['exit']}")
        for name, expected in case["sections"].items():
            actual = {"stdout": out, "stderr": err}.get(name)
            if name in ("stdout", "stderr") and actual != expected:
                problems.append(f"{name} differs:\n--- expected\n{expected}--- actual\n{actual}")
            if name.endswith(" contains"):
                stream = out if name.startswith("stdout") else err
                for line in expected.splitlines():
                    if line and line not in stream:
                        problems.append(f"{name.split()[0]} lacks: {line}\n--- actual\n{stream}")
        if problems and args.update:
            write_updated(path, case, code, out, err)
            print(f"updated {path.name}")
            continue
        if problems:
            failures.append((path.name, case["command"], problems))
    for name, command, problems in failures:
        print(f"FAIL {name}: $ {command}")
        for problem in problems:
            print("  " + problem.replace("\n", "\n  "))
    ran = len(cases) - len(skipped)
    print(f"{ran - len(failures)} of {ran} cases passed" +
          (f"; skipped (no real data): {', '.join(skipped)}" if skipped else ""))
    if failures:
        return 1
    return SKIP if ran == 0 and skipped else 0


if __name__ == "__main__":
    sys.exit(main())
