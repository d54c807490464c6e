"""A koe tool's --help text, read into its parts.

The man pages and the shell completions are both made from what a built tool
prints for --help, so neither can drift from the tool: a new option, or a new
name in an option's list of values, reaches them at the next build.

The text is CLI11's layout plus the tool's own footer:

    <one-line summary>
    Usage: nps [OPTIONS] [files...]

    Positionals:
      files FILE... ...           Input files ...

    Options:
      -o,--output FORMAT          Output format: table (default), json, ndjson, csv, md
      -t,--taxonomy FILE ... REQUIRED
                                  Taxonomy file (CSV or JSON); repeat to use several as one

    Examples:
      nps --by plan responses.csv                one row per plan, then all rows

    <paragraphs: definitions, exit statuses>
"""

from __future__ import annotations

import dataclasses
import re

# What an option's value is, for completion: a file name, column names of
# the input, one of a listed set of names, or free text.
FILE, COLUMN, CHOICE, FREE = "file", "column", "choice", "free"


@dataclasses.dataclass
class Option:
    flags: list[str]  # ["-o", "--output"]; a positional's name alone
    type: str = ""  # "FORMAT", "COL[,COL...]"; empty for a flag
    repeatable: bool = False  # "..." after the type
    required: bool = False
    excludes: list[str] = dataclasses.field(default_factory=list)
    needs: list[str] = dataclasses.field(default_factory=list)
    description: str = ""
    values: list[str] = dataclasses.field(default_factory=list)  # listed names, if CHOICE

    @property
    def takes_value(self) -> bool:
        return bool(self.type)

    @property
    def kind(self) -> str:
        if not self.type:
            return FREE
        name = self.type.split(":", 1)[0]
        if "FILE" in name or name == "RULES":
            return FILE
        if name.startswith(("COL", "DIM")):
            return COLUMN
        return CHOICE if self.values else FREE


@dataclasses.dataclass
class Help:
    tool: str
    summary: str
    usage: str
    positionals: list[Option]
    options: list[Option]
    examples: list[str]  # the lines under "Examples:", without their indentation
    notes: list[list[str]]  # the paragraphs after the examples, as lines


_OPTION_HEAD = re.compile(r"^  (-\S+)")
_POSITIONAL_HEAD = re.compile(r"^  ([a-z][\w-]*)( |$)")
_CONTINUATION = re.compile(r"^ {6,}(\S.*)$")
_TYPE_TOKEN = re.compile(r"^(?:[A-Z][A-Z0-9_]*(?:[-|\[\],.A-Z0-9_]*)(?::\{[^}]*\})?|\.\.\.)$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.+-]*$")


def parse(tool: str, text: str) -> Help:
    lines = text.splitlines()
    summary, usage = "", ""
    positionals: list[Option] = []
    options: list[Option] = []
    examples: list[str] = []
    notes: list[list[str]] = []
    section = "top"
    current: list[Option] | None = None
    for index, line in enumerate(lines):
        if section == "top":
            if line.startswith("Usage:"):
                usage = line[len("Usage:"):].strip()
            elif line.strip() and not summary:
                summary = line.strip()
            if line in ("Positionals:", "Options:"):
                section = "entries"
        if section == "entries":
            if line == "Positionals:":
                current = positionals
                continue
            if line == "Options:":
                current = options
                continue
            if line == "Examples:":
                section = "examples"
                continue
            if not line.strip() or current is None:
                continue
            continuation = _CONTINUATION.match(line)
            if continuation and current:
                entry = current[-1]
                entry.description = " ".join(filter(None, [entry.description, continuation.group(1)]))
                continue
            head = (_OPTION_HEAD if current is options else _POSITIONAL_HEAD).match(line)
            if head:
                current.append(_entry(line.strip()))
                continue
            # Unindented text after the entries: the footer, with no examples.
            section = "notes"
        if section == "examples":
            if line.startswith("  ") or not line.strip() and not examples:
                if line.strip():
                    examples.append(line[2:])
                continue
            section = "notes"
        if section == "notes":
            if not line.strip():
                if notes and notes[-1]:
                    notes.append([])
                continue
            if not notes:
                notes.append([])
            notes[-1].append(line.strip())
    notes = [paragraph for paragraph in notes if paragraph]
    for entry in positionals + options:
        entry.values = _values(entry)
    return Help(tool, summary, usage, positionals, options, examples, notes)


def _entry(text: str) -> Option:
    """One option or positional line: flags, type and markers, description."""
    head, _, description = [part.strip() for part in re.split(r"(\s{2,})", text, maxsplit=1) + ["", ""]][:3]
    tokens = head.split(" ")
    option = Option(flags=tokens[0].split(","))
    rest = tokens[1:]
    spilled: list[str] = []
    i = 0
    while i < len(rest):
        token = rest[i]
        if token == "REQUIRED":
            option.required = True
        elif token in ("Excludes:", "Needs:"):
            target = option.excludes if token == "Excludes:" else option.needs
            while i + 1 < len(rest) and rest[i + 1].startswith("-"):
                i += 1
                target.append(rest[i])
        elif token == "...":
            option.repeatable = True
        elif _TYPE_TOKEN.match(token) and not option.type and not option.excludes and not option.needs:
            option.type = token
        else:
            # CLI11 leaves no gap after "Excludes: --merge" (nor after an
            # over-long head): the description starts at the first word that
            # is no type or marker.
            spilled = rest[i:]
            break
        i += 1
    if spilled:
        description = " ".join(spilled + ([description] if description else []))
    option.description = description
    return option


def _values(option: Option) -> list[str]:
    """The names an option's value is chosen from.

    CLI11's own sets show in the type (PERIOD:{day,week,...}); koe's name
    tables end the description: "Output format: table (default), json,
    ndjson, csv, md" (src/names.h, names_help). A list is two or more names
    after a colon, each maybe followed by a note in parentheses, ending at
    the end of the text, a semicolon or a closing parenthesis.
    """
    if not option.type:
        return []
    braces = re.search(r":\{([^}]*)\}", option.type)
    if braces:
        return [name for name in braces.group(1).split(",") if name]
    text = option.description
    for colon in re.finditer(r": ", text):
        names = _name_list(text[colon.end():])
        if len(names) >= 2:
            return names
    return []


def _name_list(text: str) -> list[str]:
    items: list[str] = []
    depth = 0
    start = 0
    for i, char in enumerate(text + "\0"):
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0 and (char in ";)\0" or text.startswith(", ", i)):
            items.append(text[start:i])
            start = i + 2
            if char != ",":
                break
    names = []
    for item in items:
        item = re.sub(r" \.\.\.$", "", item.strip())
        item = re.sub(r" \(.*\)$", "", item)
        if not _NAME.match(item):
            return []
        names.append(item)
    return names
