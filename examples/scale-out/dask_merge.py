#!/usr/bin/python3
"""Runs a koe summary tool over many shard files with Dask distributed, exactly.

    dask_merge.py [--scheduler ADDRESS] [--bin DIR] TOOL [OPTIONS...] -- SHARD...

Each shard becomes a task that runs `TOOL OPTIONS --partial SHARD` on a worker; the client
gathers the partial states and finishes them with `TOOL OPTIONS --merge -`, whose output
(and exit status) is the one a single `TOOL OPTIONS SHARD...` run gives, byte for byte.

Without --scheduler it starts a LocalCluster of 2 workers in this process (threads, no
dashboard), which is all a test or one machine needs. On a real cluster, start a scheduler
(`dask scheduler`) and workers (`dask worker tcp://HOST:8786`) on machines that have koe
installed and can read the shard paths (a shared file system, or paths each worker holds),
then pass `--scheduler tcp://HOST:8786`. docs/scale-out.md explains the partial format.

    examples/scale-out/dask_merge.py nps --by plan -- shards/*.csv
    examples/scale-out/dask_merge.py --scheduler tcp://10.0.0.5:8786 segment --by region -- /data/*.csv
"""
import argparse
import os
import subprocess
import sys

from dask.distributed import Client, LocalCluster


def partial_state(command, shard):
    """One task: the partial state of one shard (bytes of NDJSON)."""
    done = subprocess.run(command + ["--partial", shard], capture_output=True)
    if done.returncode != 0:
        raise RuntimeError(f"{shard}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scheduler", help="address of a running Dask scheduler")
    parser.add_argument("--bin", default="", help="folder of the koe tools (default: PATH)")
    parser.add_argument("tool")
    parser.add_argument("rest", nargs=argparse.REMAINDER, help="OPTIONS... -- SHARD...")
    args = parser.parse_args()
    if "--" not in args.rest:
        parser.error("separate the tool's options from the shards with --")
    cut = args.rest.index("--")
    options, shards = args.rest[:cut], args.rest[cut + 1:]
    command = [os.path.join(args.bin, args.tool) if args.bin else args.tool] + options

    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        futures = client.map(partial_state, [command] * len(shards), shards, pure=False)
        partials = client.gather(futures)
    finally:
        client.close()
        if not args.scheduler:
            cluster.close()
    # The reduce: one merge reads every partial, in any order, from standard input.
    done = subprocess.run(command + ["--merge", "-"], input=b"".join(partials),
                          capture_output=True)
    sys.stdout.buffer.write(done.stdout)
    sys.stderr.buffer.write(done.stderr)
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
