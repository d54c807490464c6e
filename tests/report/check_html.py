#!/usr/bin/python3
"""A strict check of an HTML file koe-report wrote, with Python's html.parser.

    tests/report/check_html.py FILE.html

The report must be a document a browser never has to guess about: a doctype, a
lang attribute, a UTF-8 charset meta; every element closed, in order (only void
elements stand alone); no attribute given twice; ids unique and every
aria-labelledby pointing at one; nothing loaded from elsewhere (no src, no
external href, no url() or @import, no script). Exit 0 when it holds, 1 with
one line per problem otherwise. Also imported by check_report.py.
"""
import html.parser
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# SVG elements may close themselves (<line/>); HTML elements may not pretend to.
SVG_SELF_CLOSING = {"line", "polyline", "circle", "rect", "path", "polygon", "ellipse"}


class StrictParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.problems, self.labelledby = [], {}, [], []
        self.doctype = None
        self.meta_charset = False
        self.html_lang = None

    def where(self):
        return "line %d" % self.getpos()[0]

    def check_attrs(self, tag, attrs):
        names = [name for name, _ in attrs]
        for name in set(names):
            if names.count(name) > 1:
                self.problems.append(f"{self.where()}: <{tag}> has {name} twice")
        for name, value in attrs:
            value = value or ""
            if name == "id":
                if value in self.ids:
                    self.problems.append(f"{self.where()}: id {value!r} also on {self.ids[value]}")
                self.ids[value] = self.where()
            if name == "aria-labelledby":
                self.labelledby.append((value, self.where()))
            if name == "src" or (name in ("href", "xlink:href") and not value.startswith("#")):
                self.problems.append(f"{self.where()}: <{tag}> loads {value!r}")
            if name == "style" and re.search(r"url\(|@import", value):
                self.problems.append(f"{self.where()}: <{tag}> style loads a resource")
            if name.startswith("on"):
                self.problems.append(f"{self.where()}: <{tag}> has a script handler {name}")
        if tag == "meta" and (dict(attrs).get("charset") or "").lower() == "utf-8":
            self.meta_charset = True
        if tag == "html":
            self.html_lang = dict(attrs).get("lang")

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag == "script":
            self.problems.append(f"{self.where()}: <script>: the report must need none")
        if tag not in VOID:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        self.check_attrs(tag, attrs)
        if tag not in VOID and tag not in SVG_SELF_CLOSING:
            self.problems.append(f"{self.where()}: <{tag}/> is not an element that may close itself")

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"{self.where()}: </{tag}> closes a void element")
            return
        if not self.stack:
            self.problems.append(f"{self.where()}: </{tag}> closes nothing")
            return
        open_tag, opened = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"{self.where()}: </{tag}> closes <{open_tag}> of {opened}")

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style" and re.search(r"url\(|@import", data):
            self.problems.append(f"{self.where()}: the style sheet loads a resource")


def problems_of(text):
    parser = StrictParser()
    parser.feed(text)
    parser.close()
    problems = list(parser.problems)
    for tag, opened in parser.stack:
        problems.append(f"<{tag}> of {opened} is never closed")
    if (parser.doctype or "").lower() != "doctype html":
        problems.append("no <!DOCTYPE html>")
    if not parser.meta_charset:
        problems.append('no <meta charset="utf-8">')
    if not parser.html_lang:
        problems.append("<html> has no lang attribute")
    for target, where in parser.labelledby:
        if target not in parser.ids:
            problems.append(f"{where}: aria-labelledby {target!r} names no id")
    return problems


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        problems = problems_of(f.read())
    for problem in problems:
        print(problem)
    print(f"{sys.argv[1]}: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
