#!/usr/bin/env python3
"""Writes a `git fast-import` stream with one commit on top of BRANCH that changes one field
of every incident.md: `owner` (set to "zed") or `title` (" (reviewed)" appended), and
sets its status to open. Two clones
changing different fields of the same records make a sync that merges every record.

usage: edit-incidents.py REPO BRANCH owner|title | git -C REPO fast-import --quiet
"""
import subprocess, sys

repo, branch, field = sys.argv[1:4]
git = lambda *a, **k: subprocess.run(["git", "-C", repo] + list(a), check=True, capture_output=True, **k).stdout
paths = [p for p in git("ls-tree", "-r", "--name-only", branch).decode().split("\n") if p.endswith("/incident.md")]
batch = git("cat-file", "--batch", input="".join(f"{branch}:{p}\n" for p in paths).encode())
out = sys.stdout.buffer
msg = f"bench: {field} of {len(paths)} incidents\n".encode()
out.write(f"commit refs/heads/{branch}\n".encode())
out.write(b"author Bench <bench@example.com> 1795000000 +0000\ncommitter Bench <bench@example.com> 1795000000 +0000\n")
out.write(b"data %d\n" % len(msg) + msg + f"from refs/heads/{branch}^0\n".encode())
pos = 0
for p in paths:
    nl = batch.index(b"\n", pos)
    size = int(batch[pos:nl].split()[2])
    text = batch[nl + 1:nl + 1 + size].decode()
    pos = nl + 1 + size + 1
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if field == "owner" and line.startswith("owner: "):
            lines[i] = "owner: zed"
        if field == "title" and line.startswith("title: "):
            lines[i] = line + " (reviewed)"
        # Both sides reopen every incident (the same change, so no conflict): the server
        # hook then judges each as an open incident, which needs no sign-off.
        if line.startswith("status: "):
            lines[i] = "status: open"
        if line == "---" and i > 0:
            break
    data = "\n".join(lines).encode()
    out.write(f"M 100644 inline {p}\n".encode() + b"data %d\n" % len(data) + data + b"\n")
