#!/usr/bin/env python3
"""Writes a tool's man page from its --help, with help2man.

help2man lays out the summary, usage and options from the help text; what it
would garble is given to it ready-made in an include file: the examples (kept
line for line, so they can be copied), the exit statuses (the tool's own
sentence, then the table of docs/errors.md) and where the full manual is.

The help is read through koe_help and written again in the plain layout
help2man reads best, so a quirk of CLI11's layout (an option's "Excludes:"
run into its description) cannot break the page, and the one machine-
dependent phrase (the core count in --threads' default) stays out of it.

    man_page.py --tool build/nps --docs docs --page nps.md --out build/man/nps.1
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import koe_help  # noqa: E402

TOOLS = ["nps", "csat", "ces", "segment", "rca-tag", "drivers", "koe-report"]
DOC_DIR = "/usr/share/doc/koe"


def roff(text: str) -> str:
    """Plain text as roff: backslashes and hyphens escaped, no control lines."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join("\\&" + line if line.startswith((".", "'")) else line for line in text.split("\n"))


def markdown_roff(text: str) -> str:
    """A table cell of docs/: `code` in bold, \\| as |, links as their text."""
    text = text.replace("\\|", "|").replace("…", "...")
    text = re.sub(r"\[([^]]*)\]\([^)]*\)", r"\1", text)
    parts = text.split("`")
    return "".join(f"\\fB{roff(part)}\\fR" if i % 2 else roff(part) for i, part in enumerate(parts))


def exit_table(errors_md: str) -> list[tuple[str, str]]:
    """The rows (status, meaning) of the table under "## Exit status"."""
    rows = []
    section = re.search(r"^## Exit status\n(.*?)(?=^## )", errors_md, re.M | re.S)
    for line in (section.group(1) if section else "").splitlines():
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if len(cells) >= 2 and cells[0].isdigit():
            rows.append((cells[0], cells[1]))
    return rows


def plain_help(help: koe_help.Help) -> str:
    """The help again, in the layout help2man reads: the notes in the
    description, one line per option, no examples (they go in verbatim)."""
    out = [f"Usage: {help.usage}", help.summary, ""]
    for paragraph in help.notes:
        out += paragraph + [""]

    def entry(option: koe_help.Option, positional: bool) -> str:
        head = ", ".join(option.flags)
        if positional and option.type:
            # "files FILE..." reads better as "FILE...".
            head = option.type
        elif option.type:
            head += " " + option.type.split(":", 1)[0]
            if option.repeatable and not option.type.endswith("..."):
                head += " ..."
        description = re.sub(r", here \d+\)", ")", option.description)
        extras = []
        if option.required:
            extras.append("Required.")
        if option.excludes:
            extras.append("Not with " + ", ".join(option.excludes) + ".")
        if option.needs:
            extras.append("Needs " + ", ".join(option.needs) + ".")
        if extras:
            description = " ".join([description.rstrip(".") + "."] + extras)
        return f"  {head}  {description}"

    # Under the notes, the positional arguments become the description's last
    # paragraphs (help2man makes a tagged paragraph of each).
    out += [entry(option, True) for option in help.positionals]
    out.append("")
    out.append("Options:")
    out += [entry(option, False) for option in help.options]
    return "\n".join(out) + "\n"


def include_file(help: koe_help.Help, exit_sentence: str, exit_rows: list[tuple[str, str]],
                 page: str) -> str:
    out = []
    if help.examples:
        out += ["[EXAMPLES]"]
        for command, description in examples(help.examples):
            out += [".PP", ".nf", "\\fB" + roff("\n".join(command)) + "\\fR", ".fi"]
            if description:
                out += [".RS", roff(" ".join(description)), ".RE"]
    if exit_sentence or exit_rows:
        out += ["[EXIT STATUS]"]
        if exit_sentence:
            out += [roff(exit_sentence), ".PP"]
        if exit_rows:
            out += ["What each status means, for every koe tool (docs/errors.md):"]
        for status, meaning in exit_rows:
            out += [".TP", f"\\fB{status}\\fR", markdown_roff(meaning)]
    others = [tool for tool in TOOLS if tool != help.tool]
    out += ["[SEE ALSO]"]
    out += [",\n".join(f".BR {roff(tool)} (1)" for tool in others)]
    out += [".PP",
            f"The full manual of {roff(help.tool)} (formulas, output fields, worked examples), "
            "the input and output formats every tool shares, and every message with what to do "
            "about it:",
            ".RS", ".nf", roff(f"docs/{page}\ndocs/formats.md\ndocs/errors.md"), ".fi", ".RE",
            f"in {roff(DOC_DIR)} when koe is installed from the Debian package, or in share/doc/koe "
            "under the prefix of cmake \\-\\-install."]
    return "\n".join(out) + "\n"


def examples(lines: list[str]) -> list[tuple[list[str], list[str]]]:
    """Example lines as (command lines, description words): a line at the
    left edge starts an example, a deeper one continues its command (after
    a trailing backslash) or its description."""
    result: list[tuple[list[str], list[str]]] = []
    for line in lines:
        indented = line.startswith(" ")
        parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
        if not indented or not result:
            result.append(([parts[0]], parts[1:]))
            continue
        command, description = result[-1]
        if command[-1].endswith("\\") and not description:
            command.append("    " + parts[0])
            description += parts[1:]
        else:
            description.append(line.strip())
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tool", required=True, help="the built executable")
    parser.add_argument("--docs", required=True, help="the docs/ folder")
    parser.add_argument("--page", required=True, help="the tool's page in docs/")
    parser.add_argument("--out", required=True)
    parser.add_argument("--help2man", default="help2man")
    args = parser.parse_args()

    tool = pathlib.Path(args.tool).name
    help_text = subprocess.run([args.tool, "--help"], check=True, capture_output=True, text=True).stdout
    version_text = subprocess.run([args.tool, "--version"], check=True, capture_output=True, text=True).stdout
    help = koe_help.parse(tool, help_text)
    if not help.options:
        sys.exit(f"man_page.py: no options found in {tool} --help")

    exit_sentence = ""
    for paragraph in help.notes:
        joined = " ".join(paragraph)
        found = re.search(r"Exit status:\s*(.*?\.)(?=\s|$)", joined)
        if found:
            exit_sentence = found.group(1)[0].upper() + found.group(1)[1:]
            rest = (joined[:found.start()] + joined[found.end():]).strip()
            paragraph[:] = [rest] if rest else []
    help.notes = [paragraph for paragraph in help.notes if paragraph]
    errors_md = (pathlib.Path(args.docs) / "errors.md").read_text(encoding="utf-8")

    with tempfile.TemporaryDirectory() as temp:
        temp_dir = pathlib.Path(temp)
        (temp_dir / "help.txt").write_text(plain_help(help), encoding="utf-8")
        (temp_dir / "version.txt").write_text(version_text, encoding="utf-8")
        (temp_dir / "include.h2m").write_text(
            include_file(help, exit_sentence, exit_table(errors_md), args.page), encoding="utf-8")
        # help2man runs the program it documents; this one prints the texts above.
        wrapper = temp_dir / tool
        wrapper.write_text("#!/bin/sh\n"
                           f'case "$1" in --version) exec cat {shlex.quote(str(temp_dir / "version.txt"))} ;;\n'
                           f'*) exec cat {shlex.quote(str(temp_dir / "help.txt"))} ;; esac\n')
        wrapper.chmod(0o755)
        out = pathlib.Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        env = dict(os.environ, LC_ALL="C.UTF-8")
        subprocess.run([args.help2man, "--no-info", "--section=1", "--locale=C.UTF-8", f"--name={help.summary}",
                        f"--include={temp_dir / 'include.h2m'}", f"--output={out}.tmp", str(wrapper)],
                       check=True, env=env)
        # Lists written without spaces ("not,no,never", "ない,なかった,...") may
        # break after a comma, so a narrow terminal need not overflow.
        page_text = pathlib.Path(f"{out}.tmp").read_text(encoding="utf-8")
        page_text = "\n".join(line if line.startswith((".", "'")) else re.sub(r",(?=[^\s\\])", r",\\:", line)
                               for line in page_text.split("\n"))
        pathlib.Path(f"{out}.tmp").write_text(page_text, encoding="utf-8")
        os.replace(f"{out}.tmp", out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
