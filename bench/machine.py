"""The machine a benchmark ran on, as both reports describe it (bench/report.py and
bench/rca/report.py; standard library only)."""
import os
import platform
import subprocess


def run_text(args, timeout=60):
    """A command's standard output, stripped; "" when it cannot run."""
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def first_line(args):
    """The first line a command prints (some tools print their version on stderr); "?" if none."""
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=10)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def dpkg_versions(patterns):
    """"package version" lines of the installed Debian packages matching `patterns`."""
    out = run_text(["dpkg-query", "-W", "-f", "${Package} ${Version}\\n", *patterns], timeout=10)
    return [line for line in out.splitlines() if len(line.split()) == 2]


def _cpuinfo_field(name):
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith(name):
                return line.split(":", 1)[1].strip()
    return ""


def cpu_model():
    return _cpuinfo_field("model name") or "?"


def simd_flags():
    """The vector extensions the scanners care about, as /proc/cpuinfo lists them."""
    flags = f" {_cpuinfo_field('flags')} "
    return [name for name in ("avx2", "avx512f", "avx512vbmi") if f" {name} " in flags]


def memory_gib():
    with open("/proc/meminfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    return 0.0


def kernel():
    return f"{platform.system()} {platform.release()}"


def cores():
    return os.cpu_count() or 0
