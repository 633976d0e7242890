#!/usr/bin/env python3
"""Writes N incidents as JSON lines in the shape of `inquest show --json`, for `inquest import`.

    python3 Benchmarks/lib/generate-import.py 10000 > incidents.jsonl

The same incidents as generate-incidents.py makes for the site benchmark (a full narrative,
four timeline events, two findings, two follow-ups each, over two years, every severity and
status), from a fixed seed, so runs compare like with like.
"""
import json
import random
import sys
import time

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
SECTIONS = [
    ("summary", "Summary", "A service leaked **credentials** through a debug endpoint."),
    ("impact", "Impact", "Some customers saw errors for a while."),
    ("technical_summary", "Technical summary", "The endpoint was left enabled.\n\n- logs showed it\n- so did `audit`"),
    ("actors", "Actors", "Unknown."),
    ("response", "Response", "Disabled the endpoint and rotated keys."),
    ("takeaways", "Key takeaways", "Turn debug endpoints off in production."),
]


def stamp(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def day(t):
    return time.strftime("%Y-%m-%d", time.gmtime(t))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(20261128)
    out = sys.stdout

    def rid(prefix):
        return prefix + "-" + "".join(rng.choice(ALPHABET) for _ in range(10))

    for i in range(n):
        inc = rid("INC")
        started = BASE + rng.randrange(0, SPAN)
        detected = started + rng.randrange(60, 3 * 86400)
        contained = detected + rng.randrange(60, 86400)
        resolved = contained + rng.randrange(60, 2 * 86400)
        created = detected + 600
        events = []
        for k, kind in enumerate(EVENT_KINDS):
            at = [started, detected, detected + 300, contained][k]
            events.append({"id": rid("EV"), "at": stamp(at), "kind": kind, "text": f"Event {k} of incident {i}",
                           "evidence": []})
        findings = []
        for k in range(2):
            findings.append({"id": rid("F"), "incident": inc, "category": CATEGORIES[(i + k) % 6],
                             "title": f"Finding {k} of incident {i}", "evidence": [f"https://logs.example.com/{i}/{k}"],
                             "followups": [], "not_doing": None, "narrative": "What went wrong, with *emphasis*."})
        followups = []
        for k in range(2):
            done = (i + k) % 3 == 0
            opened = created + 3600
            fu = {"id": rid("FU"), "incident": inc, "findings": [findings[k]["id"]], "kind": KINDS[(i + k) % 5],
                  "title": f"Follow-up {k} of incident {i}", "owner": OWNERS[(i + k) % len(OWNERS)],
                  "priority": f"p{1 + k}", "due": day(opened + rng.randrange(7, 90) * 86400),
                  "status": "done" if done else "open", "not_doing": None, "tracker": None,
                  "created": stamp(opened), "resolved_at": None, "narrative": "", "reviews": []}
            if done:
                fu["resolved_at"] = stamp(opened + rng.randrange(1, 60) * 86400)
            findings[k]["followups"].append(fu["id"])
            followups.append(fu)
        incident = {
            "id": inc, "title": f"Incident number {i} in the benchmark", "severity": SEVERITIES[i % 4],
            "status": STATUSES[(i // 4) % 5], "customer_impact": i % 3 == 0, "data_breach": i % 7 == 0,
            "owner": OWNERS[i % len(OWNERS)], "created": stamp(created), "started": stamp(started),
            "detected": stamp(detected), "contained": stamp(contained), "resolved": stamp(resolved),
            "tags": ["bench", f"t{i % 10}"],
            "sections": {k: text for k, _, text in SECTIONS},
            "section_headings": [{"key": k, "heading": h} for k, h, _ in SECTIONS],
            "preamble": "", "extra": [], "approvals": [], "conflicts": [],
            "timeline": events, "findings": findings, "followups": followups,
        }
        out.write(json.dumps(incident, sort_keys=True, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
