#!/usr/bin/python3
"""The example report, built by the nightly example and read in a real browser.

    tests/report/check_report.py --bin BUILD --root REPO [--png docs/report.png]

Runs examples/nightly-html-report.sh on examples/responses.csv with the built
tools, then:
  1. checks the HTML strictly (check_html.py);
  2. renders it in headless Chromium (Debian `chromium`) to PNG and fails on any
     console message: the page has no script, so any message is a problem (an
     invalid SVG attribute, a blocked load). A known-bad page is rendered first
     to prove such messages are seen;
  3. reads the DOM Chromium built (--dump-dom) and checks that every chart mark
     exists and carries exactly the numbers of the JSON it was drawn from;
  4. renders a report of a Qualtrics export from Japanese Excel (CP932, read with
     --encoding cp932 --preset qualtrics) and checks that its data-quality section
     states the encoding and preset the JSON's "input" fact records.
--png also copies the screenshot there (to refresh the picture in docs/).
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import html.parser

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import check_html  # noqa: E402

WIDTH, HEIGHT = 800, 2400


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    sys.exit("check_report: no chromium on PATH (Debian package chromium; ./setup.sh test installs it)")


def browse(page, tmp, *action):
    """Runs headless Chromium on `page`; returns (stdout, console lines)."""
    args = [chromium(), "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--hide-scrollbars", f"--user-data-dir={tmp / 'profile'}",
            "--enable-logging=stderr", "--v=0", f"--window-size={WIDTH},{HEIGHT}", *action,
            page.as_uri()]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")
    # A hang guard only: a render takes a few seconds even on a busy machine.
    done = subprocess.run(args, capture_output=True, timeout=180)
    err = done.stderr.decode("utf-8", "replace")
    console = [line for line in err.splitlines() if "CONSOLE" in line]
    if done.returncode != 0:
        sys.exit(f"check_report: chromium exited {done.returncode}:\n{err}")
    return done.stdout.decode("utf-8", "replace"), console


def report_dom(bin_dir, tmp, source, label, problems):
    """koe-report's HTML page of `source`, checked by check_html and loaded in
    Chromium; returns its DOM, adding what is wrong to `problems` as `label: ...`."""
    page = tmp / f"{source.stem}.html"
    with open(page, "wb") as out:
        subprocess.run([str(bin_dir / "koe-report"), "-o", "html", str(source)], stdout=out,
                       check=True, timeout=120)
    problems += [f"{label}: {p}" for p in check_html.problems_of(page.read_text(encoding="utf-8"))]
    dom, console = browse(page, tmp, "--dump-dom")
    problems += [f"{label} console: {line}" for line in console]
    return dom


class Marks(html.parser.HTMLParser):
    """Every element's tag, attributes and enclosing svg id."""

    def __init__(self):
        super().__init__()
        self.svg, self.marks = None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "svg":
            self.svg = attrs.get("id")
        self.marks.append((self.svg, tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None


def check_values(dom, json_dir, problems):
    parser = Marks()
    parser.feed(dom)
    marks = parser.marks
    load = lambda name: json.loads((json_dir / name).read_text(encoding="utf-8"))

    def expect(what, got, want):
        if got != want:
            problems.append(f"{what}: the page shows {got}, the JSON has {want}")

    # Headline cards: the overall figures of nps, csat, ces.
    cards = {a["data-tool"]: a for _, tag, a in marks if tag == "div" and "data-tool" in a}
    for tool, key in (("nps", "nps"), ("csat", "pct_top_box"), ("ces", "pct_top_box")):
        overall = load(f"{tool}.json")["overall"]
        card = cards.get(tool)
        if card is None:
            problems.append(f"no headline card for {tool}")
            continue
        expect(f"{tool} headline", float(card["data-value"]), overall[key])
        expect(f"{tool} headline n", int(card["data-n"]), overall["n"])

    # Trends: one point per period with a value, whiskers at the interval.
    for index, (name, key) in enumerate((("trend-nps.json", "nps"), ("trend-csat.json", "pct_top_box")), 1):
        data = load(name)
        period = data["by"][0]
        svg = f"trend-{index}"
        points = [a for s, tag, a in marks if s == svg and tag == "circle" and "data-period" in a]
        whiskers = [a for s, tag, a in marks if s == svg and tag == "line" and "data-period" in a]
        want = [(g[period], g[key], g["n"], g["low_base"]) for g in data["groups"] if g[key] is not None]
        got = [(a["data-period"], float(a["data-value"]), int(a["data-n"]), a["data-low-base"] == "true")
               for a in points]
        expect(f"{svg} points", got, want)
        expect(f"{svg} whiskers",
               [(a["data-period"], float(a["data-ci-low"]), float(a["data-ci-high"])) for a in whiskers],
               [(g[period], g["ci_low"], g["ci_high"]) for g in data["groups"] if g["ci_low"] is not None])
        hollow = [a for a in points if "low-base" in a.get("class", "")]
        expect(f"{svg} hollow low-base points", len(hollow), sum(1 for w in want if w[3]))

    # Segments that moved: a bar per significant segment, ranked by impact.
    data = load("segments.json")
    moved = sorted((g for g in data["groups"] if g["significant"]), key=lambda g: g["impact"])
    bars = [a for s, tag, a in marks if s == "segments-1" and tag == "rect" and "data-value" in a]
    expect("segment bars", [(a["data-segment"], float(a["data-value"])) for a in bars],
           [(" / ".join(g[k] for k in data["by"]), g["impact"]) for g in moved])

    # Root causes: the leaf tags detractors mention, largest share first.
    data = load("rca.json")
    tags = [g["tag"] for g in data["groups"]]
    leaves = [g for g in data["groups"]
              if not any(t.startswith(g["tag"] + "/") for t in tags) and (g["pct_detractors"] or 0) > 0]
    leaves.sort(key=lambda g: (-g["pct_detractors"], g["tag"]))
    bars = [a for s, tag, a in marks if s == "pareto" and tag == "rect" and "data-tag" in a]
    expect("pareto bars", [(a["data-tag"], a["data-owner"], float(a["data-value"])) for a in bars],
           [(g["tag"], g["owner"], g["pct_detractors"]) for g in leaves])
    if not bars:
        problems.append("no pareto bars")


def check_low_base(root, bin_dir, tmp, problems):
    """A trend of few answers a month: every point hollow, as its JSON flags it."""
    rows = (root / "examples" / "responses.csv").read_text(encoding="utf-8").splitlines(True)[:121]
    (tmp / "small.csv").write_text("".join(rows), encoding="utf-8")
    trend = tmp / "small-trend.json"
    with open(trend, "wb") as out:
        subprocess.run([str(bin_dir / "segment"), "-q", "-o", "json", "--by", "month(date)",
                        str(tmp / "small.csv")], stdout=out, check=True, timeout=120)
    dom = report_dom(bin_dir, tmp, trend, "small report", problems)
    parser = Marks()
    parser.feed(dom)
    hollow = [a["data-period"] for s, tag, a in parser.marks
              if s == "trend-1" and tag == "circle" and "low-base" in a.get("class", "").split()
              and "data-period" in a]
    data = json.loads(trend.read_text(encoding="utf-8"))
    want = [g["month(date)"] for g in data["groups"] if g["low_base"] and g["nps"] is not None]
    if not want or hollow != want:
        problems.append(f"low-base points: the page shows {hollow}, the JSON flags {want}")


class Items(html.parser.HTMLParser):
    """The text of each list item in the section with id `section`."""

    def __init__(self, section):
        super().__init__()
        self.section, self.inside, self.item, self.items = section, False, None, []

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.inside = dict(attrs).get("id") == self.section
        elif tag == "li" and self.inside:
            self.item = ""

    def handle_endtag(self, tag):
        if tag == "li" and self.item is not None:
            self.items.append(self.item)
            self.item = None
        elif tag == "section":
            self.inside = False

    def handle_data(self, data):
        if self.item is not None:
            self.item += data


def check_input_fact(root, bin_dir, tmp, problems):
    """A Qualtrics export from Japanese Excel: the page states the JSON's encoding and preset."""
    rows = (root / "examples" / "responses.csv").read_text(encoding="utf-8").splitlines(True)[:121]
    labels = ["回答ID,日付,経路,地域,プラン,推奨度,満足度,労力,重み,コメント\n",
              ",".join('{""ImportId"":""QID%d""}' % i for i in range(10)) + "\n"]
    export = tmp / "excel.csv"
    export.write_bytes("".join(rows[:1] + labels + rows[1:]).encode("cp932"))
    nps = tmp / "excel-nps.json"
    with open(nps, "wb") as out:
        subprocess.run([str(bin_dir / "nps"), "-q", "-o", "json", "--encoding", "cp932",
                        "--preset", "qualtrics", str(export)], stdout=out, check=True, timeout=120)
    fact = json.loads(nps.read_text(encoding="utf-8")).get("input")
    if fact != [{"format": "csv", "delimiter": ",", "encoding": "cp932", "encoding_source": "given",
                 "preset": "qualtrics", "skip_rows": 2}]:
        problems.append(f"excel export: nps -o json says it read the input as {fact}")
        return
    dom = report_dom(bin_dir, tmp, nps, "excel report", problems)
    parser = Items("data-quality")
    parser.feed(dom)
    reading = fact[0]
    want = [f"Encoding: {reading['encoding']} (given) in every run",
            f"Preset: {reading['preset']} ({reading['skip_rows']} label rows under the header "
            f"skipped) in every run"]
    shown = [item for item in parser.items if item.startswith(("Encoding:", "Preset:"))]
    if shown != want:
        problems.append(f"excel report: data quality shows {shown}, the JSON says {want}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--root", required=True)
    parser.add_argument("--png")
    args = parser.parse_args()
    root = pathlib.Path(args.root).resolve()
    with tempfile.TemporaryDirectory(prefix="koe-report-") as name:
        tmp = pathlib.Path(name)
        env = dict(os.environ, PATH=f"{pathlib.Path(args.bin).resolve()}:{os.environ['PATH']}",
                   REPORT_TITLE="Customer feedback report, example data", LC_ALL="C.UTF-8")
        subprocess.run([str(root / "examples" / "nightly-html-report.sh"),
                        str(root / "examples" / "responses.csv"), str(tmp / "out")],
                       cwd=root, env=env, check=True, stdout=subprocess.DEVNULL, timeout=300)
        page = tmp / "out" / "report.html"
        problems = check_html.problems_of(page.read_text(encoding="utf-8"))

        # The console is watched: a page with a broken SVG attribute must be caught.
        bad = tmp / "bad.html"
        bad.write_text('<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>x</title>'
                       '<svg><rect width="-1" height="1"/></svg></html>', encoding="utf-8")
        _, console = browse(bad, tmp, "--dump-dom")
        if not console:
            problems.append("a page with an invalid SVG attribute gave no console message: "
                            "console errors would go unseen")

        shot = tmp / "report.png"
        _, console = browse(page, tmp, f"--screenshot={shot}")
        problems += [f"console: {line}" for line in console]
        if not shot.exists() or shot.stat().st_size < 10000:
            problems.append("no screenshot, or an empty one")
        dom, console = browse(page, tmp, "--dump-dom")
        problems += [f"console: {line}" for line in console]
        check_values(dom, tmp / "out" / "json", problems)
        check_low_base(root, pathlib.Path(args.bin).resolve(), tmp, problems)
        check_input_fact(root, pathlib.Path(args.bin).resolve(), tmp, problems)
        if args.png and shot.exists():
            shutil.copyfile(shot, args.png)
    for problem in problems:
        print(problem)
    print(f"report: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
