#!/usr/bin/env python3
"""Writes bash and zsh completion for koe's tools from their --help.

Each tool's options, which of them take a value, and the names a value is
chosen from (output formats, interval methods, presets, encodings ...) are
read from what the built tool prints for --help (koe_help.py), so the
completion offers exactly what the tool accepts.

    completion.py --bash-dir build/completion/bash --zsh build/completion/zsh/_koe \\
        build/nps build/csat ...

bash: one file per tool, named after it (bash-completion loads
completions/<tool> when <tool> is first completed): the shared functions of
completion.bash, then the tool's option table. zsh: one _koe function for all
the tools, in _arguments form.
"""

from __future__ import annotations

import argparse
import pathlib
import re
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import koe_help  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent


def function_name(tool: str) -> str:
    return "_koe_" + re.sub(r"\W", "_", tool)


def shell_words(words: list[str]) -> str:
    for word in words:
        if not re.fullmatch(r"[\w.,+@%/=-]+", word):
            raise SystemExit(f"completion.py: cannot complete the value {word!r}")
    return " ".join(words)


def bash(help: koe_help.Help) -> str:
    name = function_name(help.tool)
    options = [flag for option in help.options for flag in option.flags]
    value_options = [flag for option in help.options if option.takes_value for flag in option.flags]
    cases = []
    typed = []  # numbers, codes, text: nothing to offer
    for option in help.options:
        if not option.takes_value:
            continue
        pattern = "|".join(option.flags)
        if option.kind == koe_help.CHOICE:
            cases.append(f"    {pattern}) _koe_words '{shell_words(option.values)}' \"$2\" ;;")
        elif option.kind == koe_help.FILE:
            cases.append(f'    {pattern}) _koe_files "$2" ;;')
        elif option.kind == koe_help.COLUMN:
            cases.append(f'    {pattern}) _koe_columns "$2" "$3" ;;')
        else:
            typed += option.flags
    if typed:
        cases.append(f"    {'|'.join(typed)}) ;;")
    shared = (HERE / "completion.bash").read_text(encoding="utf-8")
    return f"""# bash completion for {help.tool} (koe). Generated from `{help.tool} --help` by
# packaging/completion.py at build time; edit that or the tool, not this file.

{shared}
# The value after {help.tool}'s option $1, given the text $2 typed so far; fails
# for an option that takes no value.
{name}_value() {{
  case $1 in
{chr(10).join(cases)}
    *) return 1 ;;
  esac
}}

{name}() {{
  _koe_complete '{shell_words(options)}' \\
    '{shell_words(value_options)}' {name}_value
}}

complete -F {name} {help.tool}
"""


def zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def zsh_description(option: koe_help.Option) -> str:
    """The description's first clause, short enough for a menu."""
    text = re.split(r": |; | \(|\. ", option.description, maxsplit=1)[0].strip().rstrip(".")
    text = text.replace("\\", "\\\\").replace("]", "\\]").replace("[", "\\[")
    return text[:70]


def zsh_specs(help: koe_help.Help) -> list[str]:
    specs = []
    for option in help.options:
        description = zsh_description(option)
        exclusive = "" if option.repeatable else "(" + " ".join(option.flags) + ")"
        repeat = "*" if option.repeatable else ""
        if option.takes_value:
            message = option.type.split(":", 1)[0].replace(":", "")
            if option.kind == koe_help.CHOICE:
                action = "(" + shell_words(option.values) + ")"
            elif option.kind == koe_help.FILE:
                action = "_files"
            else:
                action = " "  # a value typed by hand: zsh shows the message
        for flag in option.flags:
            if option.takes_value:
                form = flag + ("=" if flag.startswith("--") else "+")
                spec = f"{exclusive}{repeat}{form}[{description}]:{message}:{action}"
            else:
                spec = f"{exclusive}{repeat}{flag}[{description}]"
            specs.append(zsh_quote(spec))
    specs.append(zsh_quote("*:input file:_files"))
    return specs


def zsh(helps: list[koe_help.Help]) -> str:
    tools = " ".join(help.tool for help in helps)
    cases = []
    for help in helps:
        specs = " \\\n      ".join(zsh_specs(help))
        cases.append(f"  {help.tool})\n    specs=(\n      {specs}\n    ) ;;")
    return f"""#compdef {tools}
# zsh completion for koe's tools. Generated from each tool's --help by
# packaging/completion.py at build time; edit that or the tools, not this file.

local -a specs
case $service in
{chr(10).join(cases)}
  *) return 1 ;;
esac
_arguments -s -S $specs
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bash-dir", required=True)
    parser.add_argument("--zsh", required=True, help="the zsh completion file to write (_koe)")
    parser.add_argument("tools", nargs="+", help="the built executables")
    args = parser.parse_args()

    helps = []
    for path in args.tools:
        tool = pathlib.Path(path).name
        text = subprocess.run([path, "--help"], check=True, capture_output=True, text=True).stdout
        help = koe_help.parse(tool, text)
        if not help.options:
            raise SystemExit(f"completion.py: no options found in {tool} --help")
        helps.append(help)

    bash_dir = pathlib.Path(args.bash_dir)
    bash_dir.mkdir(parents=True, exist_ok=True)
    for help in helps:
        (bash_dir / help.tool).write_text(bash(help), encoding="utf-8")
    zsh_file = pathlib.Path(args.zsh)
    zsh_file.parent.mkdir(parents=True, exist_ok=True)
    zsh_file.write_text(zsh(helps), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
