#!/usr/bin/env python3
"""The warm-index readers of issue 11 at N incidents, for two builds side by side:
`followups --open`, `stats`, `list` and `list --json`, with `fossil ticket show 0` as the
peer of `list` (see Benchmarks/README.md, section `listings.sh`).

    python3 Benchmarks/lib/listings.py BEFORE_BIN AFTER_BIN [N]     # normally via Benchmarks/listings.sh

Both binaries read the same data (made once by `scale.py`'s `Setup`), each in its own copy
of the repository, since an index of another format would be rebuilt at every switch. The
commands run in turn (before, after, before, …), RUNS times each, so load that comes and
goes touches both alike; the table gives the median wall time and, in parentheses, the
median CPU time (user + system).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402


def main():
    before, after = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
    work = tempfile.mkdtemp(prefix="inquest-listings-")
    env = scale.hermetic_env(work)
    try:
        s = scale.Setup(work, after, n, env)
        repos = {}
        for name, binary in (("before", before), ("after", after)):
            repo = os.path.join(work, f"{name}.git")
            shutil.copytree(s.repo, repo, symlinks=True)
            shutil.rmtree(os.path.join(repo, "inquest"), ignore_errors=True)
            scale.run([binary, "-C", repo, "followups", "--open"], env)  # builds both parts of the index
            repos[name] = (binary, repo)
        print(f"| {n:,} incidents | before ms (CPU ms) | after ms (CPU ms) | after / before (CPU) | same output |")
        print("|---|---:|---:|---:|---|")
        for args in (["followups", "--open"], ["stats"], ["list"], ["list", "--json"]):
            # A warm-up run of each, whose output (stdout and stderr) must be the same.
            outputs = [subprocess.run([binary, "-C", repo, *args], env=env, check=True, capture_output=True)
                       for binary, repo in repos.values()]
            same = "yes" if outputs[0].stdout == outputs[1].stdout and outputs[0].stderr == outputs[1].stderr else "**no**"
            samples = {"before": [], "after": []}
            for _ in range(scale.RUNS):
                for name, (binary, repo) in repos.items():
                    (ms, cpu), _, code = scale.spawn([binary, "-C", repo, *args], env)
                    if code != 0:
                        raise RuntimeError(f"{name}: {' '.join(args)} exited {code}")
                    samples[name].append((ms, cpu))
            med = {k: (statistics.median(v[0] for v in vs), statistics.median(v[1] for v in vs)) for k, vs in samples.items()}
            b, a = med["before"], med["after"]
            print(f"| `{' '.join(args)}` | {b[0]:.1f} ({b[1]:.1f}) | {a[0]:.1f} ({a[1]:.1f}) | {a[1] / b[1]:.2f}x | {same} |")
        (ms, cpu), _ = scale.measure(["fossil", "ticket", "show", "0", "-R", s.fossil], env)
        print(f"| `fossil ticket show 0` (peer of `list`) | | {ms:.1f} ({cpu:.1f}) | | |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
