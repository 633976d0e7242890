#!/usr/bin/env python3
"""Writes a git fast-import stream of a code history for Benchmarks/links.sh.

    generate-code-history.py COMMITS TRAILERS FOLLOWUP_ID... [--from REF] [--start N]

COMMITS commits on refs/heads/main, one after another, each changing one of 200 small
files; TRAILERS of them (spread evenly) end with a `Fixes-Follow-up:` trailer naming the
follow-ups given, in turn. Fixed dates and contents, so every run makes the same history.
With --from REF the commits continue REF (the "100 new commits" of the second run).
"""
import sys

def main():
    args = sys.argv[1:]
    start_ref = None
    start = 0
    if "--from" in args:
        i = args.index("--from"); start_ref = args[i + 1]; del args[i:i + 2]
    if "--start" in args:
        i = args.index("--start"); start = int(args[i + 1]); del args[i:i + 2]
    commits, trailers = int(args[0]), int(args[1])
    ids = args[2:]
    every = max(1, commits // trailers) if trailers else 0
    out = sys.stdout.buffer
    w = out.write
    t0 = 1700000000
    for n in range(start, start + commits):
        k = n - start
        path = "src/module%03d.txt" % (n % 200)
        body = ("line %d of the history\n" % n).encode()
        msg = "Change %d in module %03d\n\nA sentence or two about why this change was made, as\nreal commit messages have.\n" % (n, n % 200)
        if every and k % every == every - 1 and ids:
            msg += "\nFixes-Follow-up: %s\n" % ids[(k // every) % len(ids)]
        msg = msg.encode()
        w(b"commit refs/heads/main\n")
        w(b"committer Dev <dev@example.com> %d +0000\n" % (t0 + n * 60))
        w(b"data %d\n" % len(msg)); w(msg)
        if k == 0 and start_ref:
            w(b"from %s\n" % start_ref.encode())
        w(b"M 100644 inline %s\n" % path.encode())
        w(b"data %d\n" % len(body)); w(body)
        w(b"\n")

main()
