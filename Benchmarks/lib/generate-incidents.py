#!/usr/bin/env python3
"""Writes a `git fast-import` stream that adds N incidents to the postmortems branch.

    python3 Benchmarks/lib/generate-incidents.py 1000 | git fast-import --quiet

Each incident has a full narrative, four timeline events, two findings and two
follow-ups, written as Inquest writes them (canonical front matter, one record per file,
sharded by month), spread over two years with every severity and status. The output is
the same for the same N (a fixed random seed), so runs compare like with like. One commit,
on top of the branch `inquest init` made: a thousand CLI runs would time the CLI's
startup, not the site.
"""
import random
import sys

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SEVERITIES = ["sev1", "sev2", "sev3", "sev4"]
STATUSES = ["open", "resolved", "review", "approved", "closed"]
CATEGORIES = ["technical-lapse", "procedural-failure", "manual-error", "process-flaw",
              "communication-glitch", "unknown-attack-vector"]
KINDS = ["bug", "change-request", "process", "sop-update", "investment"]
EVENT_KINDS = ["attacker-activity", "detection", "escalation", "containment"]
OWNERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
BASE = 1_735_689_600  # 2025-01-01T00:00:00Z
# Starts spread over 680 days: with the detection, containment and resolution that follow,
# every time stays before the clock the benchmarks pin (INQUEST_NOW=2026-11-28T12:00:00Z),
# which the hooks hold to (no time in the future).
SPAN = 680 * 86400


def stamp(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def day(t):
    import time
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20261128)
    out = sys.stdout.buffer

    def rid(prefix):
        return prefix + "-" + "".join(rng.choice(ALPHABET) for _ in range(10))

    files = []
    for i in range(n):
        inc = rid("INC")
        started = BASE + rng.randrange(0, SPAN)
        detected = started + rng.randrange(60, 3 * 86400)
        contained = detected + rng.randrange(60, 86400)
        resolved = contained + rng.randrange(60, 2 * 86400)
        created = detected + 600
        severity = SEVERITIES[i % 4]
        status = STATUSES[(i // 4) % 5]
        d = f"incidents/{stamp(created)[:7]}/{inc}"
        incident = (
            f"---\nid: {inc}\ntitle: Incident number {i} in the benchmark\nseverity: {severity}\n"
            f"status: {status}\ncustomer_impact: {'true' if i % 3 == 0 else 'false'}\n"
            f"data_breach: {'true' if i % 7 == 0 else 'false'}\nowner: {OWNERS[i % len(OWNERS)]}\n"
            f"created: {stamp(created)}\nstarted: {stamp(started)}\ndetected: {stamp(detected)}\n"
            f"contained: {stamp(contained)}\nresolved: {stamp(resolved)}\ntags:\n  - bench\n  - t{i % 10}\n---\n\n"
            "## Summary\n\nA service leaked **credentials** through a debug endpoint.\n\n"
            "## Impact\n\nSome customers saw errors for a while.\n\n"
            "## Technical summary\n\nThe endpoint was left enabled.\n\n- logs showed it\n- so did `audit`\n\n"
            "## Actors\n\nUnknown.\n\n## Response\n\nDisabled the endpoint and rotated keys.\n\n"
            "## Key takeaways\n\nTurn debug endpoints off in production.\n"
        )
        files.append((f"{d}/incident.md", incident))
        for k, kind in enumerate(EVENT_KINDS):
            at = [started, detected, detected + 300, contained][k]
            ev = rid("EV")
            compact = stamp(at).replace("-", "").replace(":", "")
            files.append((f"{d}/timeline/{compact}-{ev}.md",
                          f"---\nid: {ev}\nincident: {inc}\nat: {stamp(at)}\nkind: {kind}\n---\n\nEvent {k} of incident {i}\n"))
        findings = []
        for k in range(2):
            f = rid("F")
            findings.append(f)
            files.append((f"{d}/findings/{f}.md",
                          f"---\nid: {f}\nincident: {inc}\ncategory: {CATEGORIES[(i + k) % 6]}\n"
                          f"title: Finding {k} of incident {i}\nevidence:\n  - https://logs.example.com/{i}/{k}\n---\n\n"
                          "What went wrong, with *emphasis*.\n"))
        for k in range(2):
            fu = rid("FU")
            done = (i + k) % 3 == 0
            opened = created + 3600
            lines = [f"id: {fu}", f"incident: {inc}", "findings:", f"  - {findings[k]}", f"kind: {KINDS[(i + k) % 5]}",
                     f"title: Follow-up {k} of incident {i}", f"owner: {OWNERS[(i + k) % len(OWNERS)]}",
                     f"priority: p{1 + k}", f"due: {day(opened + rng.randrange(7, 90) * 86400)}",
                     f"status: {'done' if done else 'open'}", "not_doing:", "tracker:", f"created: {stamp(opened)}"]
            if done:
                lines.append(f"resolved_at: {stamp(opened + rng.randrange(1, 60) * 86400)}")
            lines.append("reviews: []")
            files.append((f"{d}/followups/{fu}.md", "---\n" + "\n".join(lines) + "\n---\n"))

    message = f"benchmark: {n} incidents\n".encode()
    out.write(b"commit refs/heads/postmortems\n")
    out.write(b"committer Bench <bench@example.com> 1764331200 +0000\n")
    out.write(b"data %d\n%s" % (len(message), message))
    out.write(b"from refs/heads/postmortems^0\n")
    for path, text in files:
        data = text.encode()
        out.write(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
    out.write(b"\n")


if __name__ == "__main__":
    main()
