#!/usr/bin/python3
"""Docs that cannot drift: every example of the pages and of each tool's --help is run.

    tests/docs/check_docs.py --bin BUILD_DIR --root REPO [--update] [--list] [PAGE|help ...]

Pages: README.md, docs/*.md, docs/ja/*.md, examples/README.md. Each page runs in its own
sandbox that reads like the repo root (links to its entries, `build` -> BUILD_DIR, a copy of
examples/, ../shared/data/real beside it), its examples in order, each with `bash -c`,
BUILD_DIR first on PATH, LC_ALL=C.UTF-8, TZ=UTC, stdin empty. Files an example writes are
there for the page's later examples. Time limits are hang guards, never speed checks.

Examples, as the pages already write them:

- Transcripts, in ``` blocks: `$ command` (a line ending in `\\` or `|` goes on), then what
  it prints: standard output, then standard error. `$ echo $?` shows the status of the
  command before it (it is not run). A line `...` (or `…`) in the output stands for any
  number of lines; `[…]` in a line for any text. Trailing spaces and blank lines are ignored.
- Command lists, shown without output: 4-space indented blocks starting with a koe tool,
  `build/`, `examples/` or `./`; ``` blocks with a `cd` marker (below), written like --help's
  `Examples:` (command, two spaces, what it does); and each tool's --help Examples, run in a
  copy of tests/docs/fixtures/TOOL/ (tests/docs/fixtures/make.py writes the files they name).
  Each must exit 0, or 0 or N when its comment or description says `exit N`, and print no
  error: only warnings, and `check failed` lines when it may exit 1.

Markers, HTML comments just above a block:

    <!-- docs-test: exit N -->         every command of the block exits N (default 0)
    <!-- docs-test: skip REASON -->    not run; say why (installs packages, reads 1 GB, ...)
    <!-- docs-test: cd DIR -->         run in a copy of DIR (from the repo root)
    <!-- docs-test: output COMMAND --> the block (```json, say) is what COMMAND prints
    <!-- docs-test: cron FROM=TO ...--> a crontab block: each entry runs as cron runs it
                                       (sh -c, only PATH=/usr/bin:/bin, HOME, LOGNAME), each
                                       FROM replaced by TO (`.` the sandbox; `dir/` created)

--update rewrites the shown output that differs from what the commands print now, keeping a
`...` cut in place (the part after it starts where its first line is found again) and `[…]`
in lines that still match, and the number under `$ echo $?`. Markers and commands are never
rewritten; review with git diff. Exit status: 0 when every example passes, 1 otherwise.
"""
import argparse
import concurrent.futures
import difflib
import os
import pathlib
import re
import shutil
import signal
import subprocess
import sys
import tempfile

TOOLS = ["nps", "csat", "ces", "segment", "rca-tag", "drivers", "koe-report"]
HANG_GUARD = 300  # seconds a command may take before it counts as hung; never a speed check
MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(\w+)\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^(\s*)(```+|~~~+)")
ELLIPSIS_LINES = ("...", "…", "[…]", "[...]")
INLINE_CUT = re.compile(r"\[(?:…|\.\.\.)\]")
SYNOPSIS = re.compile(r"\[OPTIONS\]|\.\.\.\]")  # `tool [OPTIONS] [FILE...]`: a usage line
# Commands that would install packages or build into the real build folder: never run.
UNSAFE = re.compile(r"(?:^|[;&|(]\s*)(?:sudo|apt|apt-get|dpkg|\./setup\.sh|cmake|cpack|ninja|make)\b")
CRON_ENTRY = re.compile(r"^\s*((?:\S+\s+){5})(\S.*)$")
COMMAND_START = re.compile(r"^(?:%s)(?:\s|$)|^(?:build|examples|tests)/|^\./" %
                           "|".join(re.escape(t) for t in TOOLS))


class Example:
    """One command of a page or of a --help, and what is shown for it."""

    def __init__(self, where, command, kind, block):
        self.where = where          # "docs/nps.md:17" or "nps --help"
        self.command = command
        self.kind = kind            # "transcript", "command" or "cron"
        self.block = block          # the block's markers
        self.expected = None        # transcript: the shown lines
        self.span = None            # transcript: (first, end) line indexes of the shown output
        self.status_line = None     # `$ echo $?`: (index of its output line, shown status)
        self.allowed = {0}          # command: statuses its comment or description allows


def markers_before(lines, index):
    """The docs-test markers on the lines just above line `index` (blank lines between allowed)."""
    found = {}
    i = index - 1
    while i >= 0 and (lines[i].strip() == "" or MARKER.match(lines[i])):
        m = MARKER.match(lines[i])
        if m:
            found.setdefault(m.group(1), m.group(2))
        i -= 1
    return found


def join_continued(lines, i, strip_prefix):
    """The command starting at lines[i] with its continuation lines, and the next index."""
    text = lines[i][strip_prefix:].rstrip()
    i += 1
    while (text.endswith("\\") or text.endswith("|")) and i < len(lines):
        text += "\n" + lines[i].rstrip()
        i += 1
    return text, i


def allowed_statuses(comment):
    m = re.search(r"\bexits? (\d+)\b", comment or "")
    return {0, int(m.group(1))} if m else {0}


def outside_quotes(line, starts_here):
    """The first index k outside quotes where starts_here(k) holds, or None."""
    quote = None
    for k, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
        elif starts_here(k):
            return k
    return None


def split_comment(line):
    """A command line's shell comment (`# ...` after the command), outside quotes."""
    k = outside_quotes(line, lambda k: line[k] == "#" and (k == 0 or line[k - 1].isspace()))
    return (line, "") if k is None else (line[:k].rstrip(), line[k + 1:].strip())


def parse_page(path, rel):
    lines = path.read_text(encoding="utf-8").split("\n")
    examples = []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            indent, mark = fence.group(1), fence.group(2)
            start = i
            i += 1
            body_start = i
            while i < len(lines) and not (lines[i].startswith(indent + mark[0] * len(mark)) and
                                          lines[i].strip().strip(mark[0]) == ""):
                i += 1
            body = [l[len(indent):] if l.startswith(indent) else l for l in lines[body_start:i]]
            i += 1
            markers = markers_before(lines, start)
            if any(l.startswith("$ ") for l in body):
                examples += parse_transcript(body, body_start, rel, markers)
            elif "output" in markers:
                example = Example(f"{rel}:{start + 1}", markers["output"], "transcript", markers)
                example.expected = body
                example.span = (body_start, body_start + len(body))
                examples.append(example)
            elif "cd" in markers:
                examples += parse_command_list(body, lambda k: f"{rel}:{body_start + k + 1}",
                                               markers)
            continue
        if (line.startswith("    ") and line.strip() and not in_list(lines, i)
                and (i == 0 or lines[i - 1].strip() == "" or MARKER.match(lines[i - 1]))):
            start = i
            while i < len(lines) and (lines[i].startswith("    ") or lines[i].strip() == ""):
                i += 1
            body = [l[4:] for l in lines[start:i]]
            while body and not body[-1].strip():
                body.pop()
            if body[0].startswith("$ "):
                examples += parse_transcript(body, start, rel, markers_before(lines, start))
            else:
                examples += parse_command_block(body, start, rel, markers_before(lines, start))
            continue
        i += 1
    return examples


def in_list(lines, i):
    """An indented line continues a list item (not a code block) when a list item is above."""
    j = i - 1
    while j >= 0 and (lines[j].strip() == "" or lines[j].startswith("    ")):
        j -= 1
    return j >= 0 and re.match(r"^\s*(?:[-*+]|\d+\.)\s", lines[j]) is not None


def parse_transcript(body, offset, rel, markers):
    examples = []
    i = 0
    while i < len(body):
        if not body[i].startswith("$ "):
            i += 1
            continue
        where = f"{rel}:{offset + i + 1}"
        command, i = join_continued(body, i, 2)
        first = i
        while i < len(body) and not body[i].startswith("$ "):
            i += 1
        shown = body[first:i]
        if command.strip() == "echo $?" and examples:
            examples[-1].status_line = (offset + first, shown[0].strip() if shown else "")
            continue
        example = Example(where, command, "transcript", markers)
        example.expected = shown
        example.span = (offset + first, offset + i)
        examples.append(example)
    return examples


def parse_command_block(body, offset, rel, markers):
    if "cron" in markers:
        examples = []
        for k, line in enumerate(body):
            m = CRON_ENTRY.match(line)
            if m and not line.lstrip().startswith("#"):
                examples.append(Example(f"{rel}:{offset + k + 1}", m.group(2), "cron", markers))
        return examples
    first = next((l for l in body if l.strip() and not l.lstrip().startswith("#")), "")
    if not COMMAND_START.match(first) or any(SYNOPSIS.search(l) for l in body):
        return []
    examples = []
    i = 0
    while i < len(body):
        if not body[i].strip() or body[i].lstrip().startswith("#"):
            i += 1
            continue
        where = f"{rel}:{offset + i + 1}"
        command, i = join_continued(body, i, 0)
        command, comment = split_comment(command)
        example = Example(where, command, "command", markers)
        example.allowed = allowed_statuses(comment)
        examples.append(example)
    return examples


def split_description(line):
    """A --help example line: the command, then after two or more spaces its description."""
    k = outside_quotes(line, lambda k: line.startswith("  ", k) and line[k:].strip() != "")
    return (line.rstrip(), "") if k is None else (line[:k], line[k:].strip())


def parse_command_list(lines, where, block):
    """Lines as --help's Examples show them: a command, then after two or more spaces what it
    does; a line ending with `\\` goes on on the next; a more indented line describes the one
    before. `where(k)` names line k."""
    examples = []
    i = 0
    while i < len(lines) and lines[i].strip():
        line = lines[i]
        i += 1
        if line.startswith("   ") or not line.strip():
            if examples:  # a description's second line
                examples[-1].allowed |= allowed_statuses(line)
            continue
        start = i - 1
        command, description = split_description(line.strip())
        while command.rstrip().endswith("\\") and i < len(lines):
            more, extra = split_description(lines[i].strip())
            command = command.rstrip()[:-1].rstrip() + " " + more
            description += " " + extra
            i += 1
        example = Example(where(start), command.strip(), "command", block)
        example.allowed = allowed_statuses(description)
        examples.append(example)
    return examples


def help_examples(tool, bin_dir):
    text = subprocess.run([str(bin_dir / tool), "--help"], capture_output=True, text=True,
                          timeout=HANG_GUARD).stdout
    lines = text.split("\n")
    start = next((k + 1 for k, l in enumerate(lines) if l.strip() == "Examples:"), None)
    if start is None:
        return []
    return parse_command_list(lines[start:], lambda k: f"{tool} --help",
                              {"cd": f"tests/docs/fixtures/{tool}"})


def real_data_dir(root):
    env = os.environ.get("KOE_REAL_DATA")
    path = pathlib.Path(env) if env else root.parent / "shared" / "data" / "real"
    return path.resolve() if path.is_dir() else None


def make_sandbox(root, bin_dir, tmp):
    """A folder that reads like the repo root, with ../shared/data/real beside it."""
    home = tmp / "koe"
    home.mkdir()
    for entry in root.iterdir():
        if entry.name in (".git", "build") or entry.name.startswith("build-"):
            continue
        if entry.name == "examples":
            shutil.copytree(entry, home / "examples", symlinks=True)
        else:
            (home / entry.name).symlink_to(entry)
    (home / "build").symlink_to(bin_dir)
    real = real_data_dir(root)
    if real:
        (tmp / "shared" / "data").mkdir(parents=True)
        (tmp / "shared" / "data" / "real").symlink_to(real)
    return home


def environment(bin_dir, home):
    env = dict(os.environ)
    env.update(PATH=f"{bin_dir}:{env.get('PATH', '/usr/bin:/bin')}", LC_ALL="C.UTF-8", TZ="UTC",
               HOME=str(home.parent))
    for name in ("KOE_BIN", "NPS", "TAXONOMY", "REPORT_TITLE", "ENCODING", "PRESET"):
        env.pop(name, None)
    return env


def run(command, cwd, env, shell=("bash", "-c")):
    # A process group of its own, so that the hang guard ends the whole pipeline, not only bash.
    process = subprocess.Popen(list(shell) + [command], cwd=cwd, env=env,
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return None, "", f"(no end after {HANG_GUARD} s: hung)\n"
    return (process.returncode, out.decode("utf-8", "replace"),
            err.decode("utf-8", "replace"))


def line_matches(want, got):
    want, got = want.rstrip(), got.rstrip()
    if not INLINE_CUT.search(want):
        return want == got
    pattern = ".*".join(re.escape(part) for part in INLINE_CUT.split(want))
    return re.fullmatch(pattern, got, re.S) is not None


def trim(lines):
    lines = list(lines)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def output_matches(expected, actual):
    """Whether actual lines fit the shown lines, `...` standing for any run of lines."""
    expected, actual = trim(expected), trim(actual)
    memo = {}

    def fit(e, a):
        if (e, a) in memo:
            return memo[e, a]
        if e == len(expected):
            result = a == len(actual)
        elif expected[e].strip() in ELLIPSIS_LINES:
            result = any(fit(e + 1, k) for k in range(a, len(actual) + 1))
        else:
            result = a < len(actual) and line_matches(expected[e], actual[a]) and fit(e + 1, a + 1)
        memo[e, a] = result
        return result

    return fit(0, 0)


def part_end(part, actual, start):
    """Where a shown part ends in the actual output: the match of its last line nearest to
    where the part's length puts it (so that a line more or less above still lands right)."""
    guess = start + len(part) - 1
    hits = [a for a in range(start, len(actual)) if line_matches(part[-1], actual[a])]
    return (min(hits, key=lambda a: abs(a - guess)) if hits else min(guess, len(actual) - 1)) + 1


def part_start(part, actual, position, last):
    """Where a shown part after a cut starts in the actual output: of the places from
    `position` on where its first line is found (and, for the last part, the place its
    length from the end gives), the one where most of its lines match."""
    places = [a for a in range(position, len(actual)) if line_matches(part[0], actual[a])]
    if last and len(actual) - len(part) >= position:
        places.append(len(actual) - len(part))
    score = lambda a: sum(1 for k, line in enumerate(part)
                          if a + k < len(actual) and line_matches(line, actual[a + k]))
    return max(places, key=lambda a: (score(a), -a)) if places else None


def updated_output(expected, actual):
    """The shown lines rewritten from the actual output, keeping the `...` cuts: each part
    between cuts is placed where it fits best (the first part at the top) and ends at its
    last line found again; the last part runs to the end. None when a part cannot be
    placed."""
    expected, actual = trim(expected), trim(actual)
    keep = lambda old, new: old if old is not None and line_matches(old, new) else new
    cuts = [k for k, line in enumerate(expected) if line.strip() in ELLIPSIS_LINES]
    if not cuts:
        return [keep(o, n) for o, n in zip(expected + [None] * len(actual), actual)]
    bounds = [-1] + cuts + [len(expected)]
    parts = [expected[bounds[k] + 1:bounds[k + 1]] for k in range(len(bounds) - 1)]
    new, position = [], 0
    for k, part in enumerate(parts):
        if k:
            new.append(expected[cuts[k - 1]])
        if not part:
            continue
        last = k == len(parts) - 1
        start = 0 if k == 0 else part_start(part, actual, position, last)
        if start is None or start >= len(actual):
            return None
        end = len(actual) if last and k else part_end(part, actual, start)
        taken = actual[start:end]
        new += [keep(o, n) for o, n in zip(part + [None] * len(taken), taken)]
        position = end
    return new


def stderr_problems(err, allowed):
    bad = []
    for line in err.splitlines():
        if re.match(r"^[\w-]+: warning: ", line):
            continue
        if re.match(r"^[\w-]+: check failed: ", line) and 1 in allowed:
            continue
        bad.append(line)
    return bad


class Outcome:
    def __init__(self, example):
        self.example = example
        self.problems = []
        self.skipped = None
        self.new_output = None      # transcript lines for --update
        self.new_status = None


def check_example(example, sandbox_root, cwd, env, real):
    outcome = Outcome(example)
    command = example.command
    if UNSAFE.search(command):
        outcome.problems.append("installs or builds, outside any sandbox: mark its block "
                                "<!-- docs-test: skip REASON -->")
        return outcome
    if "../shared/data/real" in command and not real:
        outcome.skipped = "no ../shared/data/real"
        return outcome
    if example.kind == "cron":
        return check_cron(example, sandbox_root, outcome)
    status, out, err = run(command, cwd, env)
    if example.kind == "transcript":
        actual = (out + err).split("\n")
        if not output_matches(example.expected, actual):
            diff = difflib.unified_diff([l.rstrip() for l in trim(example.expected)],
                                        [l.rstrip() for l in trim(actual)],
                                        "shown", "printed", lineterm="", n=2)
            outcome.problems.append("output differs:\n" + "\n".join(diff))
            outcome.new_output = updated_output(example.expected, actual)
        if example.status_line:
            if example.status_line[1] != str(status):
                outcome.problems.append(f"exit status {status}; `echo $?` shows "
                                        f"{example.status_line[1]}")
                outcome.new_status = status
        else:
            want = int(example.block.get("exit", "0") or 0)
            if status != want:
                outcome.problems.append(f"exit status {status}, expected {want}" +
                                        ("" if "exit" in example.block else
                                         " (no exit marker: mark the block "
                                         f"<!-- docs-test: exit {status} --> if that is right)"))
        return outcome
    allowed = ({int(example.block["exit"])} if "exit" in example.block else example.allowed)
    if status not in allowed:
        outcome.problems.append(f"exit status {status}, expected "
                                f"{' or '.join(map(str, sorted(allowed)))}\n{err.rstrip()}")
    else:
        bad = stderr_problems(err, allowed)
        if bad:
            outcome.problems.append("printed on standard error:\n" + "\n".join(bad))
    return outcome


def check_cron(example, sandbox_root, outcome):
    command = example.command
    for pair in example.block["cron"].split():
        source, _, target = pair.partition("=")
        path = sandbox_root if target in (".", "./") else sandbox_root / target.rstrip("/")
        if target.endswith("/") and target not in ("./",):
            path.mkdir(parents=True, exist_ok=True)
        command = command.replace(source, str(path))
    env = {"PATH": "/usr/bin:/bin", "HOME": str(sandbox_root.parent), "LOGNAME": "koe",
           "SHELL": "/bin/sh"}
    status, out, err = run(command, sandbox_root.parent, env, shell=("/bin/sh", "-c"))
    bad = stderr_problems(err, {0})
    if status != 0 or bad:
        outcome.problems.append(f"as cron runs it: exit status {status}\n" + "\n".join(bad))
    return outcome


def check_group(examples, root, bin_dir):
    """Runs one page's (or one --help's) examples in order in one sandbox."""
    outcomes = []
    real = real_data_dir(root)
    with tempfile.TemporaryDirectory(prefix="koe-docs-") as name:
        tmp = pathlib.Path(name)
        home = make_sandbox(root, bin_dir, tmp)
        env = environment(bin_dir, home)
        copies = {}
        for example in examples:
            if "skip" in example.block:
                outcome = Outcome(example)
                outcome.skipped = example.block["skip"] or "(no reason given)"
                if not example.block["skip"]:
                    outcome.problems.append("a skip marker needs a reason")
                outcomes.append(outcome)
                continue
            cwd = home
            if "cd" in example.block:
                where = example.block["cd"]
                if where not in copies:
                    copies[where] = tmp / ("cd-%d" % len(copies))
                    shutil.copytree(root / where, copies[where], symlinks=True)
                cwd = copies[where]
            outcomes.append(check_example(example, home, cwd, env, real))
    return outcomes


def pages_of(root, names):
    if names:
        return [root / n for n in names if n != "help"]
    pages = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
    pages += sorted((root / "docs" / "ja").glob("*.md")) + [root / "examples" / "README.md"]
    return [p for p in pages if p.exists()]


def write_updates(root, outcomes):
    by_file = {}
    for o in outcomes:
        if o.example.kind != "transcript" or not o.problems:
            continue
        rel = o.example.where.rsplit(":", 1)[0]
        by_file.setdefault(rel, []).append(o)
    for rel, items in by_file.items():
        path = root / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        edits = []
        for o in items:
            if o.new_output is not None:
                first, end = o.example.span
                shown = lines[first:end]
                kept_blank = len(shown) - len(trim(shown))
                edits.append((first, end, o.new_output + [""] * kept_blank))
            elif o.problems[0].startswith("output differs"):
                print(f"not updated (cut by hand): {o.example.where}")
            if o.new_status is not None:
                k = o.example.status_line[0]
                edits.append((k, k + 1, [str(o.new_status)]))
        for first, end, new in sorted(edits, reverse=True):
            lines[first:end] = new
        path.write_text("\n".join(lines), encoding="utf-8")
        print(f"updated {rel}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bin", required=True, type=pathlib.Path)
    parser.add_argument("--root", required=True, type=pathlib.Path)
    parser.add_argument("--update", action="store_true",
                        help="rewrite the shown output of every transcript that differs")
    parser.add_argument("--list", action="store_true", help="list the examples, run none")
    parser.add_argument("pages", nargs="*", help="pages to check (paths from the repo root), "
                        "or help")
    args = parser.parse_args()
    root, bin_dir = args.root.resolve(), args.bin.resolve()

    groups = []
    for page in pages_of(root, args.pages):
        rel = page.relative_to(root).as_posix()
        groups.append(parse_page(page, rel))
    if not args.pages or "help" in args.pages:
        for tool in TOOLS:
            groups.append(help_examples(tool, bin_dir))
    if args.list:
        for example in (e for g in groups for e in g):
            print(f"{example.where}: [{example.kind}] {example.command}")
        return 0

    stale = subprocess.run([sys.executable, str(root / "tests/docs/fixtures/make.py"),
                            "--root", str(root), "--check"], capture_output=True, text=True)
    if stale.returncode:
        print("FAIL fixtures:\n" + stale.stdout)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda g: check_group(g, root, bin_dir), groups))
    outcomes = [o for r in results for o in r]

    failed = [o for o in outcomes if o.problems]
    skipped = [o for o in outcomes if o.skipped and not o.problems]
    for o in failed:
        print(f"FAIL {o.example.where}: $ {o.example.command}")
        for problem in o.problems:
            print("  " + problem.replace("\n", "\n  "))
    for o in skipped:
        print(f"skip {o.example.where}: {o.skipped}")
    checked = [o for o in outcomes if not o.skipped or o.problems]
    kinds = {kind: sum(1 for o in checked if o.example.kind == kind)
             for kind in ("transcript", "command", "cron")}
    print(f"{len(checked) - len(failed)} of {len(checked)} examples passed ({kinds['transcript']} "
          f"with shown output, {kinds['command']} commands, {kinds['cron']} crontab entries); "
          f"{len(skipped)} skipped")
    if args.update:
        write_updates(root, failed)
    return 1 if failed or stale.returncode else 0


if __name__ == "__main__":
    sys.exit(main())
