#!/usr/bin/python3
"""The Debian package, built from the finished build and installed.

    tests/packaging/check_package.py build --bin BUILD --root REPO --out DIR --cpack CPACK --cmake CMAKE
    tests/packaging/check_package.py install --bin BUILD --out DIR

build: cpack -G DEB in the build folder (it packages the binaries already
built; nothing is compiled), then
  - the control fields (dpkg-deb -f): Package koe, the project's Version, this
    machine's Architecture, a Maintainer, a Description, and Depends naming
    the Debian package of every shared library the tools link (read here from
    the binaries with objdump and dpkg -S) and the MeCab dictionary;
  - the files: each tool, its man page and bash completion, the zsh
    completion, the docs; nothing outside /usr; the same files, zsh's folder
    aside, as cmake --install puts under a prefix;
  - unpacked with dpkg -x into a fresh root: each tool's --version names the
    package's version, every library resolves, nps and rca-tag run real jobs
    on the installed example data with the bytes the build's tools print,
    every man page renders with man -l without a warning, and the installed
    bash completion completes.
install (as root, with apt, when koe is not already installed and none of
its files exists): apt-get install ./koe_*.deb, then nps from /usr/bin,
man nps, bash-completion finding the completion; then apt-get remove koe,
after which koe is not installed and none of its files is left.

Exits 77 (CTest's skip) with a SKIP line when a tool it needs is missing or
an installation would not be safe. Time limits are hang guards only.
"""
import argparse
import fnmatch
import glob
import gzip
import io
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tarfile

TOOLS = ["nps", "csat", "ces", "segment", "rca-tag", "drivers", "koe-report"]
HANG_GUARD = 600

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(77)


def run(args, **kwargs):
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("text", True)
    kwargs.setdefault("timeout", HANG_GUARD)
    return subprocess.run([str(arg) for arg in args], **kwargs)


def must(args, **kwargs):
    done = run(args, **kwargs)
    if done.returncode != 0:
        sys.exit(f"check_package: {' '.join(map(str, args))} exited {done.returncode}:\n"
                 f"{done.stdout}\n{done.stderr}")
    return done


def man_env(locale="C.UTF-8"):
    return dict(os.environ, LC_ALL=locale, MANWIDTH="80", MANPAGER="cat", PAGER="cat")


def the_deb(out):
    debs = sorted(glob.glob(str(out / "koe_*.deb")))
    if not debs and not out.joinpath("root").exists():
        skip(f"no package in {out}: the package test did not build one")
    if len(debs) != 1:
        sys.exit(f"check_package: expected one koe_*.deb in {out}, found {debs}")
    return pathlib.Path(debs[0])


def deb_files(deb):
    """The paths a package installs (files and links, not folders), from /."""
    listing = must(["dpkg-deb", "--fsys-tarfile", deb], text=False).stdout
    with tarfile.open(fileobj=io.BytesIO(listing)) as tar:
        return sorted("/" + member.name.lstrip("./") for member in tar.getmembers() if not member.isdir())


def library_packages(binary):
    """The Debian packages of the shared libraries `binary` links."""
    dynamic = must(["objdump", "-p", binary]).stdout
    packages = {}
    for library in re.findall(r"^\s*NEEDED\s+(\S+)", dynamic, re.M):
        owner = run(["dpkg", "-S", f"*/{library}"])
        names = {line.split(":", 1)[0] for line in owner.stdout.splitlines() if ":" in line}
        packages[library] = sorted(names)
    return packages


def build(args):
    for tool in ("dpkg-deb", "dpkg-shlibdeps", "dpkg", "objdump", "file", "man"):
        if not shutil.which(tool):
            skip(f"{tool} is not installed (Debian packages dpkg-dev, binutils, file, man-db; "
                 "./setup.sh test installs them)")
    bin_dir, root, out = args.bin.resolve(), args.root.resolve(), args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)

    # The package, from the binaries the build made.
    must([args.cpack, "-G", "DEB", "-B", out], cwd=bin_dir)
    deb = the_deb(out)
    version = must([bin_dir / "nps", "--version"]).stdout.split()[-1]
    arch = must(["dpkg", "--print-architecture"]).stdout.strip()
    check(deb.name == f"koe_{version}_{arch}.deb", f"package file {deb.name}, expected koe_{version}_{arch}.deb")

    # Its control fields.
    info = must(["dpkg-deb", "-I", deb]).stdout
    print(info)
    fields = {}
    for name in ("Package", "Version", "Architecture", "Maintainer", "Depends", "Section", "Description"):
        fields[name] = must(["dpkg-deb", "-f", deb, name]).stdout.strip()
    check(fields["Package"] == "koe", f"Package: {fields['Package']}")
    check(fields["Version"] == version, f"Version: {fields['Version']}, the tools say {version}")
    check(fields["Architecture"] == arch, f"Architecture: {fields['Architecture']}, expected {arch}")
    check(re.fullmatch(r"[^<>]+ <[^@<>\s]+@[^@<>\s]+>", fields["Maintainer"]),
          f"Maintainer: {fields['Maintainer']!r}, expected a name and an address")
    check(len(fields["Description"].splitlines()) > 1, f"Description has no long text: {fields['Description']!r}")
    depends = {re.split(r"[\s(]", item.strip(), maxsplit=1)[0] for item in fields["Depends"].split(",")}
    needed = {}
    for tool in TOOLS:
        needed.update(library_packages(bin_dir / tool))
    for library, owners in sorted(needed.items()):
        check(owners, f"no Debian package owns {library}, which the tools link")
        check(not owners or set(owners) & depends,
              f"Depends: {fields['Depends']} names none of {owners}, the packages of {library}")
    for library in ("libfmt", "libsimdjson", "libutf8proc", "libre2"):
        check(any(name.startswith(library) for name in needed), f"the tools do not link {library}")
    if any(name.startswith("libmecab") for name in needed):
        check("mecab-ipadic-utf8" in depends, f"Depends: {fields['Depends']} lacks the MeCab dictionary")
    if arch == "amd64":
        check(any(name.startswith("libhs") for name in needed), "rca-tag does not link Hyperscan on amd64")

    # Its files.
    files = deb_files(deb)
    expected = [f"/usr/bin/{tool}" for tool in TOOLS]
    expected += [f"/usr/share/man/man1/{tool}.1.gz" for tool in TOOLS]
    expected += [f"/usr/share/bash-completion/completions/{tool}" for tool in TOOLS]
    expected += ["/usr/share/zsh/vendor-completions/_koe", "/usr/share/doc/koe/README.md",
                 "/usr/share/doc/koe/docs/nps.md", "/usr/share/doc/koe/docs/errors.md",
                 "/usr/share/doc/koe/examples/responses.csv", "/usr/share/doc/koe/examples/taxonomy-en.csv"]
    for path in expected:
        check(path in files, f"the package has no {path}")
    check(all(path.startswith("/usr/") and not path.startswith("/usr/local/") for path in files),
          "files outside /usr: " + " ".join(path for path in files if not path.startswith("/usr/")))

    # cmake --install puts the same files under its prefix.
    prefix = out / "cmake-install"
    must([args.cmake, "--install", bin_dir, "--prefix", prefix / "usr"])
    installed = sorted("/" + str(path.relative_to(prefix)) for path in prefix.rglob("*") if not path.is_dir())
    installed = [path.replace("/zsh/site-functions/", "/zsh/vendor-completions/") for path in installed]
    check(installed == files, "cmake --install and the package differ:\n"
          f"  only cmake --install: {sorted(set(installed) - set(files))}\n"
          f"  only the package: {sorted(set(files) - set(installed))}")

    # Unpacked into a fresh root: the tools run from there.
    fresh = out / "root"
    must(["dpkg", "-x", deb, fresh])
    usr_bin = fresh / "usr" / "bin"
    for tool in TOOLS:
        done = run([usr_bin / tool, "--version"])
        check(done.returncode == 0 and done.stdout == f"{tool} (koe) {version}\n",
              f"{tool} --version from the package: {done.returncode} {done.stdout!r} {done.stderr!r}")
        ldd = run(["ldd", usr_bin / tool]).stdout
        check("not found" not in ldd, f"{tool}: a library is not found:\n{ldd}")
    # Real jobs on the installed example data, run from its folder so that the
    # file names they print are the same as the build's tools print on the repo's.
    examples = fresh / "usr" / "share" / "doc" / "koe" / "examples"
    jobs = [
        ["nps", "--by", "plan", "responses.csv"],
        ["rca-tag", "-t", "taxonomy-en.csv", "-t", "taxonomy-ja.csv", "--summary", "--nps-score", "score",
         "-q", "responses.csv"],
    ]
    for job in jobs:
        packaged = run([usr_bin / job[0]] + job[1:], cwd=examples)
        built = run([bin_dir / job[0]] + job[1:], cwd=root / "examples")
        check(packaged.returncode == 0 and packaged.stdout and packaged.stdout == built.stdout,
              f"{' '.join(job)} from the package: exit {packaged.returncode}, {packaged.stderr}\n"
              f"{packaged.stdout}\nthe build's tool printed:\n{built.stdout}")

    # Every man page renders, without a warning: in a UTF-8 locale, and in the C
    # locale too unless it quotes Japanese (which an ASCII terminal cannot show).
    for tool in TOOLS:
        page = fresh / "usr" / "share" / "man" / "man1" / f"{tool}.1.gz"
        text = gzip.decompress(page.read_bytes()).decode("utf-8")
        locales = ["C.UTF-8"] + ([] if any(ord(char) >= 0x3000 for char in text) else ["C"])
        for locale in locales:
            done = run(["man", "--warnings", "-l", page], env=man_env(locale))
            check(done.returncode == 0 and not done.stderr,
                  f"LC_ALL={locale} man -l {tool}.1.gz: exit {done.returncode}, warnings:\n{done.stderr}")
        for heading in ("NAME", "SYNOPSIS", "OPTIONS", "EXIT STATUS", "EXAMPLES", "SEE ALSO"):
            check(re.search(rf"^{heading}$", done.stdout, re.M), f"man {tool}: no {heading} section")
        check("--version" in done.stdout, f"man {tool}: --version is not described")

    # The installed bash completion completes.
    completion = fresh / "usr" / "share" / "bash-completion" / "completions" / "nps"
    done = run(["bash", "--norc", "--noprofile", "-c",
                'source "$1"; COMP_WORDS=(nps -o ""); COMP_CWORD=2; _koe_nps nps "" -o; echo "${COMPREPLY[*]}"',
                "check", completion])
    check(done.stdout.split() == ["table", "json", "ndjson", "csv", "md"],
          f"nps -o <TAB> with the installed completion: {done.stdout!r} {done.stderr}")


def installed_status():
    done = run(["dpkg-query", "-W", "-f=${Status}", "koe"])
    return done.stdout.strip() if done.returncode == 0 else "not-installed"


def excluded(path):
    """Whether dpkg is told not to unpack `path` (path-exclude in dpkg.cfg.d, as in slim images)."""
    excludes, includes = [], []
    for config in glob.glob("/etc/dpkg/dpkg.cfg.d/*"):
        for line in pathlib.Path(config).read_text(errors="replace").splitlines():
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0] in ("path-exclude", "path-include"):
                (excludes if parts[0] == "path-exclude" else includes).append(parts[1].strip())
    return any(fnmatch.fnmatch(path, pattern) for pattern in excludes) and not any(
        fnmatch.fnmatch(path, pattern) for pattern in includes)


def install(args):
    if os.geteuid() != 0:
        skip("not root: apt install of the package is only tried as root")
    if not shutil.which("apt-get"):
        skip("no apt-get")
    deb = the_deb(args.out.resolve())
    status = installed_status()
    if not status.endswith("not-installed"):
        skip(f"koe is already known to dpkg ({status}); not touching that installation")
    files = deb_files(deb)
    present = [path for path in files if os.path.lexists(path)]
    if present:
        skip(f"files of the package already exist ({', '.join(present[:3])} ...); not overwriting them")

    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    lock_wait = "-oDPkg::Lock::Timeout=300"  # another apt at work is waited for, not a failure
    installed = False
    try:
        done = run(["apt-get", "install", "-y", "--no-install-recommends", lock_wait, f"./{deb.name}"],
                   cwd=deb.parent, env=env)
        installed = not installed_status().endswith("not-installed")
        check(done.returncode == 0, f"apt-get install ./{deb.name}: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
        check(installed_status() == "install ok installed", f"after apt-get install: {installed_status()}")
        if done.returncode == 0:
            version = run(["/usr/bin/nps", "--version"])
            check(version.returncode == 0 and version.stdout.startswith("nps (koe) "),
                  f"/usr/bin/nps --version: {version.returncode} {version.stdout!r} {version.stderr!r}")
            job = run(["/usr/bin/nps", "--by", "plan", "/usr/share/doc/koe/examples/responses.csv"])
            check(job.returncode == 0 and job.stdout.startswith("plan "), f"installed nps --by plan: {job}")
            if excluded("/usr/share/man/man1/nps.1.gz"):
                print("check_package: dpkg excludes /usr/share/man here (path-exclude); man nps not tried")
            elif shutil.which("man"):
                page = run(["man", "--warnings", "nps"], env=man_env())
                check(page.returncode == 0 and not page.stderr and "NPS(1)" in page.stdout,
                      f"man nps: exit {page.returncode}\n{page.stderr}\n{page.stdout[:200]}")
            loader = pathlib.Path("/usr/share/bash-completion/bash_completion")
            if loader.is_file():
                done = run(["bash", "--norc", "--noprofile", "-c",
                            f"source {loader}; __load_completion nps; complete -p nps"])
                check("-F _koe_nps nps" in done.stdout,
                      f"bash-completion does not load koe's completion of nps: {done.stdout} {done.stderr}")
    finally:
        if installed:
            done = run(["apt-get", "remove", "-y", lock_wait, "koe"], env=env)
            check(done.returncode == 0, f"apt-get remove koe: exit {done.returncode}\n{done.stdout}\n{done.stderr}")
    status = installed_status()
    check(status.endswith("not-installed"), f"after apt-get remove koe, dpkg says {status!r}")
    left = [path for path in files if os.path.lexists(path)]
    check(not left, f"left after apt-get remove koe: {left}")
    check(not os.path.exists("/usr/share/doc/koe"), "/usr/share/doc/koe is left after apt-get remove koe")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("stage", choices=["build", "install"])
    parser.add_argument("--bin", type=pathlib.Path)
    parser.add_argument("--root", type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path, help="where the package is built")
    parser.add_argument("--cpack", default="cpack")
    parser.add_argument("--cmake", default="cmake")
    args = parser.parse_args()
    if args.stage == "build":
        if not args.bin or not args.root:
            parser.error("build needs --bin and --root")
        build(args)
    else:
        install(args)
    if failures:
        print("\n".join(failures))
        print(f"check_package: {len(failures)} failures")
        return 1
    print(f"check_package: {args.stage}: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
