#!/usr/bin/python3
"""The library's layering, held by a test.

    tests/check_layers.py --root REPO

src/ is a library; src/cli/ is its command-line edge and tools/ the mains. The library
(src/ outside cli/) must not include anything from src/cli nor CLI11, and must not write to a
stream it was not given (stdout, stderr, std::cout, std::cerr, printf): jobs return outcomes
and take sinks, and only the edge prints. Exit status 0 when every file keeps to it, 1 with
one line per breach otherwise.
"""
import argparse
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
STREAMS = re.compile(r"\b(stdout|stderr|std::cout|std::cerr|printf|puts|fputs)\b")


def code_lines(text):
    """(number, line) of the lines that are code: comments and string literals blanked."""
    text = re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    for number, line in enumerate(text.splitlines(), 1):
        line = re.sub(r'R"\((.*?)\)"', '""', line)
        line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
        yield number, line.split("//", 1)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    src = pathlib.Path(args.root).resolve() / "src"
    breaches = []
    checked = 0
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cc") or path.relative_to(src).parts[0] == "cli":
            continue
        checked += 1
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(src.parent)
        for number, line in enumerate(text.splitlines(), 1):
            match = INCLUDE.match(line)
            if match and (match.group(1).startswith("cli/") or match.group(1).startswith("CLI/")):
                breaches.append(f"{name}:{number}: the library includes {match.group(1)}")
        for number, line in code_lines(text):
            match = STREAMS.search(line)
            if match:
                breaches.append(f"{name}:{number}: the library writes to {match.group(1)}")
    for breach in breaches:
        print(breach)
    print(f"layers: {checked} library files, {len(breaches)} breaches")
    return 1 if breaches else 0


if __name__ == "__main__":
    sys.exit(main())
