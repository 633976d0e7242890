#!/usr/bin/env python3
"""Writes N Fossil ticket artifacts into a folder, for `fossil reconstruct`.

    python3 Benchmarks/lib/generate-fossil-tickets.py 1000 DIR
    fossil reconstruct bench.fossil DIR

The peer of generate-incidents.py for the benchmark: the same N, with each ticket's
title, severity, status, type and a comment holding the incident's narrative, its
timeline, its findings and follow-ups (Fossil keeps a ticket as one record), and one
word unique to ticket 0 (`zqneedle`) so `fossil search` has something to find. Writing
artifacts and reconstructing takes seconds; N runs of `fossil ticket add` would take
minutes. Fixed seed: the same N gives the same tickets.
"""
import hashlib
import os
import random
import sys
import time

SEVERITIES = ["Critical", "Severe", "Important", "Minor"]
STATUSES = ["Open", "Verified", "Review", "Fixed", "Closed"]
BASE = 1_735_689_600
# Starts spread over 680 days: with the detection, containment and resolution that follow,
# every time stays before the clock the benchmarks pin (INQUEST_NOW=2026-11-28T12:00:00Z),
# which the hooks hold to (no time in the future).
SPAN = 680 * 86400


def esc(text):
    return text.replace("\\", "\\\\").replace(" ", "\\s").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def main():
    n = int(sys.argv[1])
    out = sys.argv[2]
    rng = random.Random(20261128)
    for i in range(n):
        uuid = "%040x" % rng.getrandbits(160)
        when = BASE + rng.randrange(0, SPAN)
        needle = " zqneedle" if i == 0 else ""
        comment = "\n".join([
            f"Summary: incident number {i} in the benchmark{needle}.",
            "Impact: some customers saw errors for a while.",
            "Technical summary: a credential leaked and was used.",
            "Timeline: detection, escalation, containment, attacker activity.",
            f"Finding 0 of incident {i}: secrets were not scanned.",
            f"Finding 1 of incident {i}: no rotation runbook.",
            f"Follow-up 0 of incident {i}: add a secret scan.",
            f"Follow-up 1 of incident {i}: write the runbook.",
        ])
        fields = {
            "comment": comment,
            "severity": rng.choice(SEVERITIES),
            "status": rng.choice(STATUSES),
            "title": f"Incident number {i} in the benchmark",
            "type": "Incident",
        }
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000", time.gmtime(when))
        body = f"D {stamp}\n"
        for key in sorted(fields):
            body += f"J {key} {esc(fields[key])}\n"
        body += f"K {uuid}\nU bench\n"
        body += "Z " + hashlib.md5(body.encode()).hexdigest() + "\n"
        data = body.encode()
        name = hashlib.sha3_256(data).hexdigest()
        os.makedirs(os.path.join(out, name[:2]), exist_ok=True)
        with open(os.path.join(out, name[:2], name[2:]), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
