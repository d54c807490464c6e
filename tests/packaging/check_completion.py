#!/usr/bin/python3
"""The shell completion the build made from each tool's --help, used for real.

    tests/packaging/check_completion.py --bin BUILD --root REPO

bash: sources build/completion/bash/<tool> in a plain bash (no
bash-completion needed), sets COMP_WORDS and COMP_CWORD as readline would,
calls the completion function and reads COMPREPLY. Checks that every option
the tool's --help lists completes (read here with a plain regex, not the
generator's parser), that option values complete (output formats, interval
methods, presets, encodings, input formats, periods ...), in all three ways
a value can be typed (-o json, --output json, --output=json, with and
without "=" breaking words), that file arguments complete file names and
column options the input file's column names, and that a numeric option
offers nothing.

zsh (when zsh is installed): the _koe function runs with _arguments stubbed
out, and the specs it hands over name every option and the listed values.
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

TOOLS = ["nps", "csat", "ces", "segment", "rca-tag", "drivers", "koe-report"]
HANG_GUARD = 120  # seconds; a hang guard only, the whole check takes about a second

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def help_flags(tool_path):
    """Every flag in the Options section of --help (-o, --output ...)."""
    text = subprocess.run([tool_path, "--help"], capture_output=True, text=True, check=True,
                          timeout=HANG_GUARD).stdout
    flags = []
    in_options = False
    for line in text.splitlines():
        if line == "Options:":
            in_options = True
        elif in_options and re.match(r"^\S", line):
            break
        elif in_options:
            head = re.match(r"^  (-[^ ]+)", line)
            if head:
                flags += head.group(1).split(",")
    return flags


BASH_DRIVER = r"""
set -u
source "$1"
# One query a line on stdin: the words, quoted for bash, a tab, the index of the
# word being completed. Prints COMPREPLY a line, each word ended by \037.
while IFS= read -r query; do
  eval "COMP_WORDS=($(printf '%s' "$query" | cut -f1))"
  COMP_CWORD=$(printf '%s' "$query" | cut -f2)
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  "$2" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf '%s\037' "${COMPREPLY[@]}"
  printf '\n'
done
"""


def bash_complete(completion_file, tool, queries, cwd):
    """COMPREPLY for each (words, cword) query, from one bash process."""
    function = "_koe_" + re.sub(r"\W", "_", tool)
    lines = []
    for words, cword in queries:
        quoted = " ".join("'" + word.replace("'", "'\\''") + "'" for word in words)
        lines.append(f"{quoted}\t{cword}\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", BASH_DRIVER, "driver",
                           str(completion_file), function],
                          input="".join(lines), capture_output=True, text=True, cwd=cwd,
                          timeout=HANG_GUARD, env=dict(os.environ, LC_ALL="C.UTF-8"))
    if done.returncode != 0 or done.stderr:
        failures.append(f"{tool}: the completion script failed ({done.returncode}): {done.stderr}")
        return [[] for _ in queries]
    results = [[word for word in line.split("\037") if word] for line in done.stdout.split("\n")[:-1]]
    if len(results) != len(queries):
        failures.append(f"{tool}: {len(queries)} queries but {len(results)} answers:\n{done.stdout}")
        return [[] for _ in queries]
    return results


def check_bash(bin_dir, root, work):
    completion_dir = bin_dir / "completion" / "bash"
    responses = root / "examples" / "responses.csv"
    # Files for file-name and column completion.
    (work / "sub").mkdir()
    (work / "answers.tsv").write_text("プラン\tscore\tcomment\nbasic\t9\tfast\n", encoding="utf-8")
    (work / "feed.ndjson").write_text('{"plan": "pro", "score": 7, "channel": "app"}\n', encoding="utf-8")
    (work / "spaced.csv").write_text('"sign-up plan",score\npro,9\n', encoding="utf-8")
    shutil.copy(responses, work / "responses.csv")

    for tool in TOOLS:
        completion = completion_dir / tool
        if not completion.is_file():
            failures.append(f"{tool}: no completion file {completion}")
            continue
        flags = help_flags(bin_dir / tool)
        check(flags, f"{tool}: no options read from --help")
        long_flags = [flag for flag in flags if flag.startswith("--")]
        queries = [([tool, "--"], 1), ([tool, "-"], 1)]
        queries += [([tool, flag], 1) for flag in flags]
        results = bash_complete(completion, tool, queries, work)
        check(sorted(results[0]) == sorted(long_flags),
              f"{tool} --<TAB>: {results[0]}, expected the --help options {long_flags}")
        check(sorted(results[1]) == sorted(flags),
              f"{tool} -<TAB>: {results[1]}, expected {flags}")
        for flag, offered in zip(flags, results[2:]):
            check(flag in offered, f"{tool} {flag}<TAB>: {offered} does not offer {flag}")

    def expect(tool, words, cword, wanted, exact=True):
        got = bash_complete(completion_dir / tool, tool, [(words, cword)], work)[0]
        ok = sorted(got) == sorted(wanted) if exact else set(wanted) <= set(got)
        check(ok, f"{' '.join(words)!r} (word {cword}): {got}, expected {'' if exact else 'at least '}{wanted}")

    formats = ["table", "json", "ndjson", "csv", "md"]
    for tool in ["nps", "csat", "ces", "segment", "rca-tag", "drivers"]:
        expect(tool, [tool, "--outp"], 1, ["--output"])
        expect(tool, [tool, "-o", ""], 2, formats)
        expect(tool, [tool, "--output", "n"], 2, ["ndjson"])
        # --output=value: three words where "=" breaks words (bash-completion), one where not.
        expect(tool, [tool, "--output", "=", ""], 3, formats)
        expect(tool, [tool, "--output", "=", "j"], 3, ["json"])
        expect(tool, [tool, "--output", "="], 2, formats)
        expect(tool, [tool, "--output=j"], 1, ["--output=json"])
        expect(tool, [tool, "--input-format", ""], 2, ["csv", "tsv", "ndjson", "json"])
        expect(tool, [tool, "--preset", ""], 2, ["qualtrics", "surveymonkey"])
        expect(tool, [tool, "--encoding", ""], 2, ["cp932", "shift_jis", "windows-1252", "latin1"], exact=False)
        expect(tool, [tool, "--encoding", "cp"], 2, ["cp932"])
        # Numbers are typed: nothing offered, and no file names either.
        expect(tool, [tool, "--threads", ""], 2, [])
        # File arguments.
        expect(tool, [tool, "resp"], 1, ["responses.csv"])
        expect(tool, [tool, "-q", "s"], 2, ["spaced.csv", "sub"])
    expect("koe-report", ["koe-report", "-o", ""], 2, ["md", "html"])
    expect("koe-report", ["koe-report", "--period", "q"], 2, ["quarter"])
    expect("koe-report", ["koe-report", "--preset", ""], 2, ["qualtrics", "surveymonkey"])
    expect("koe-report", ["koe-report", "--nps", "fe"], 2, ["feed.ndjson"])
    expect("nps", ["nps", "--interval", ""], 2, ["adjusted", "wald", "bootstrap"])
    expect("nps", ["nps", "--confidence", ""], 2, [])
    expect("segment", ["segment", "--metric", ""], 2, ["nps", "csat", "ces", "mean"])
    expect("segment", ["segment", "--adjust", ""], 2, ["holm", "bh", "none"])
    expect("segment", ["segment", "--sort", "i"], 2, ["impact"])
    expect("segment", ["segment", "--assign", "r"], 2, ["responses.csv"])
    expect("rca-tag", ["rca-tag", "--engine", ""], 2, ["auto", "hyperscan", "re2"])
    expect("rca-tag", ["rca-tag", "-t", "res"], 2, ["responses.csv"])
    expect("drivers", ["drivers", "--method", ""], 2, ["relative-weights", "shapley"])
    # Column names, from the header of the input file on the line (before or after).
    columns = responses.read_text(encoding="utf-8").splitlines()[0].split(",")
    expect("nps", ["nps", "--by", "", "responses.csv"], 2, columns)
    expect("nps", ["nps", "responses.csv", "--by", "pl"], 3, ["plan"])
    expect("nps", ["nps", "responses.csv", "--by", "plan,re"], 3, ["plan,region"])
    expect("nps", ["nps", "-s", "sc", "-o", "json", "responses.csv"], 2, ["score"])
    expect("nps", ["nps", "--weight=w", "responses.csv"], 1, ["--weight=weight"])
    expect("drivers", ["drivers", "responses.csv", "--drivers", "csat,c"], 3, ["csat,ces", "csat,channel", "csat,comment", "csat,csat"])
    expect("nps", ["nps", "answers.tsv", "--by", ""], 3, ["プラン", "score", "comment"])
    expect("nps", ["nps", "feed.ndjson", "--by", ""], 3, ["plan", "score", "channel"])
    expect("nps", ["nps", "spaced.csv", "--by", "si"], 3, ["sign-up\\ plan"])
    expect("nps", ["nps", "-d", ";", "responses.csv", "--by", "pl"], 5, [])
    expect("rca-tag", ["rca-tag", "-t", "x.csv", "--text", "com", "responses.csv"], 4, ["comment"])
    # No input file yet: nothing to read column names from.
    expect("nps", ["nps", "--by", ""], 2, [])


ZSH_DRIVER = r"""
_arguments() { print -rl -- "$@" }
service=$2
source $1
"""


def check_zsh(bin_dir):
    zsh = shutil.which("zsh")
    completion = bin_dir / "completion" / "zsh" / "_koe"
    check(completion.is_file(), f"no zsh completion {completion}")
    if not zsh:
        print("check_completion: zsh not installed; its completion is not run (./setup.sh test installs zsh)")
        return
    first = completion.read_text(encoding="utf-8").splitlines()[0]
    check(first == "#compdef " + " ".join(TOOLS), f"_koe starts {first!r}")
    for tool in TOOLS:
        done = subprocess.run([zsh, "-f", "-c", ZSH_DRIVER, "driver", str(completion), tool],
                              capture_output=True, text=True, timeout=HANG_GUARD)
        if done.returncode != 0 or done.stderr:
            failures.append(f"zsh _koe for {tool} failed ({done.returncode}): {done.stderr}")
            continue
        specs = done.stdout.splitlines()
        named = {re.match(r"^(?:\([^)]*\))?\*?(-[\w-]+)", spec).group(1) for spec in specs if spec.startswith(("(", "-", "*-"))}
        for flag in help_flags(bin_dir / tool):
            check(flag in named, f"zsh {tool}: no spec for {flag}")
        if tool != "koe-report":
            check(any(spec.endswith("--output=[Output format]:FORMAT:(table json ndjson csv md)") for spec in specs),
                  f"zsh {tool}: no --output spec with the formats:\n" + "\n".join(specs))
            check(any(spec.endswith(":(csv tsv ndjson json)") and "--input-format=" in spec for spec in specs),
                  f"zsh {tool}: no --input-format spec with the formats")
        check("*:input file:_files" in specs, f"zsh {tool}: input files do not complete")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        check_bash(args.bin.resolve(), args.root.resolve(), pathlib.Path(work))
    check_zsh(args.bin.resolve())
    if failures:
        print("\n".join(failures))
        print(f"check_completion: {len(failures)} failures")
        return 1
    print("check_completion: bash and zsh completion complete every option and their values")
    return 0


if __name__ == "__main__":
    sys.exit(main())
