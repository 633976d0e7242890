#!/usr/bin/env python3
"""The figures of issue 11: Inquest at 1,000 and 10,000 incidents against Fossil's
tickets, measured in the same run on the same machine (see Benchmarks/README.md).

    python3 Benchmarks/lib/scale.py INQUEST_BIN [SIZES...]     # normally via Benchmarks/scale.sh

Every command is run as a whole process (posix_spawn, output to /dev/null), RUNS times;
the table gives the median wall time in milliseconds, and the peak resident memory of one
more run under `/usr/bin/time` ("Maximum resident set size", as `time -v` prints it).
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUNS = int(os.environ.get("RUNS", "11"))


def spawn(cmd, env):
    """Runs cmd once; returns ((wall ms, CPU ms), max RSS in MB, exit status)."""
    devnull = os.open(os.devnull, os.O_RDWR)
    t0 = time.perf_counter_ns()
    pid = os.posix_spawnp(cmd[0], cmd, env, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status, usage = os.wait4(pid, 0)
    ms = (time.perf_counter_ns() - t0) / 1e6
    os.close(devnull)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return (ms, cpu), usage.ru_maxrss / 1024.0, os.waitstatus_to_exitcode(status)


def measure(cmd, env, before=None, runs=RUNS):
    """Median (wall ms, CPU ms) over runs, and peak MB; `before` runs (untimed) before each run."""
    times, cpus = [], []
    spawn(cmd, env)  # warm the page cache and the index
    for _ in range(runs):
        if before:
            before()
        (ms, cpu), _, code = spawn(cmd, env)
        if code != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {code}")
        times.append(ms)
        cpus.append(cpu)
    if before:
        before()
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name, *cmd], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        peak = int(out.read().strip().splitlines()[-1]) / 1024.0
    return (statistics.median(times), statistics.median(cpus)), peak


def run(cmd, env, **kw):
    return subprocess.run(cmd, env=env, check=True, capture_output=True, **kw).stdout


class Setup:
    """An Inquest repository and a Fossil repository with the same number of incidents."""

    def __init__(self, work, inquest, n, env):
        self.n = n
        self.repo = os.path.join(work, f"inquest-{n}.git")
        self.fossil = os.path.join(work, f"fossil-{n}.fossil")
        t0 = time.time()
        run(["git", "init", "-q", "--bare", self.repo], env)
        run([inquest, "-C", self.repo, "init"], env)
        gen = subprocess.Popen([sys.executable, os.path.join(ROOT, "Benchmarks/lib/generate-incidents.py"), str(n)],
                               stdout=subprocess.PIPE, env=env)
        subprocess.run(["git", "-C", self.repo, "fast-import", "--quiet"], stdin=gen.stdout, env=env, check=True)
        gen.wait()
        run(["git", "-C", self.repo, "gc", "-q"], env)
        arts = os.path.join(work, f"artifacts-{n}")
        os.makedirs(arts)
        run([sys.executable, os.path.join(ROOT, "Benchmarks/lib/generate-fossil-tickets.py"), str(n), arts], env)
        run(["fossil", "reconstruct", self.fossil, arts], env)
        shutil.rmtree(arts)
        # One incident and one ticket to show, with a word no other holds.
        listing = run([inquest, "-C", self.repo, "--no-index", "list", "--json"], env).decode()
        self.incident = [l.split('"')[3] for l in listing.splitlines() if '"id"' in l][n // 2]
        self.ticket = run(["fossil", "sql", "-R", self.fossil, "SELECT tkt_uuid FROM ticket LIMIT 1"], env).decode().strip().strip("'")
        self.blobs = os.path.join(work, f"blobs-{n}.txt")
        tree = run(["git", "-C", self.repo, "ls-tree", "-r", "postmortems", "incidents"], env).decode()
        with open(self.blobs, "w") as f:
            for line in tree.splitlines():
                if line.endswith("/incident.md"):
                    f.write(line.split()[2] + "\n")
        self.index = os.path.join(self.repo, "inquest", "index")
        # The set-up wrote hundreds of megabytes (Fossil's database, git's pack): flush them
        # now, or the kernel's writeback runs under the first measurements (`new` at 10,000
        # once took 8 ms instead of 5, Fossil's `ticket add` 24 instead of 3.5).
        os.sync()
        sys.stderr.write(f"==> {n} incidents in git and in Fossil, made in {time.time() - t0:.1f} s\n")


def hermetic_env(home):
    """What every command of a benchmark runs with (lib/common.sh's bench_hermetic, for
    Python): HOME, no system or global git config, UTC, the C locale, one author, and the
    clock pinned after every time the generated data holds."""
    return {
        "PATH": os.environ["PATH"], "HOME": home, "USER": "bench", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": "/dev/null", "TZ": "UTC", "LC_ALL": "C",
        "GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.com",
        "INQUEST_NOW": "2026-11-28T12:00:00Z",
    }


def main():
    inquest = sys.argv[1]
    sizes = [int(s) for s in (sys.argv[2:] or ["1000", "10000"])]
    work = tempfile.mkdtemp(prefix="inquest-scale-")
    env = hermetic_env(work)
    rows = []  # (size, what, inquest ms, inquest MB, peer, peer ms, target, verdict)
    try:
        # In a folder of its own, so that 100 can also be one of the sizes.
        os.makedirs(os.path.join(work, "baseline"))
        small = Setup(os.path.join(work, "baseline"), inquest, 100, env)
        rows.append((100, "control: create a file in objects/ (µs)", create_cost(small.repo), None, None, None, "", None))
        new_small, _ = measure([inquest, "-C", small.repo, "new", "Benchmark incident"], env)
        for n in sizes:
            s = Setup(work, inquest, n, env)
            iq = lambda *a: [inquest, "-C", s.repo, *a]
            fs = lambda *a: ["fossil", *a, "-R", s.fossil]
            drop_index = lambda: shutil.rmtree(s.index, ignore_errors=True)
            # `new` writes six objects, each a new file: where the file system makes creating
            # one slow (it happens, by where a fresh folder landed on disk: 3 µs in one
            # repository, 50 to 200 µs in another), `new` is slower for that alone. This row
            # shows it for each repository, measured just before `new` is.
            rows.append((n, "control: create a file in objects/ (µs)", create_cost(s.repo), None, None, None, "", None))
            word = str(n // 2 + 242)  # "Incident number <k>": a number only one incident holds
            pairs = [
                ("new", iq("new", "Benchmark incident", "--severity", "sev2"),
                 ["fossil", "ticket", "-R", s.fossil, "add", "title", "Benchmark incident", "status", "Open", "type", "Incident"],
                 "fossil ticket add", None),
                ("list", iq("list"), fs("ticket", "show", "0"), "fossil ticket show 0", None),
                ("show", iq("show", s.incident), fs("ticket", "history", s.ticket), "fossil ticket history", None),
                ("search (one incident's word)", iq("search", word), ["fossil", "search", "-a", word, "-R", s.fossil],
                 "fossil search -a", None),
                ("--version", [inquest, "--version"], ["fossil", "version"], "fossil version", None),
            ]
            for what, cmd, peer, peer_name, before in pairs:
                ms, mb = measure(cmd, env, before)
                pms, _ = measure(peer, env)
                target = 1.5 if what == "--version" else 1.0
                rows.append((n, what, ms, mb, peer_name, pms, f"<= {target}x", ms[0] / pms[0] <= target))
            # list on a cold index (deleted before each run) against git reading the same blobs.
            ms, mb = measure(iq("list"), env, drop_index, runs=max(3, RUNS // 2))
            cats = [timed_cat(s, env) for _ in range(RUNS)]
            cat_ms = (statistics.median(c[0] for c in cats), statistics.median(c[1] for c in cats))
            rows.append((n, "list, cold index", ms, mb, "git cat-file --batch (incident.md blobs)", cat_ms, "<= 2x",
                         ms[0] / cat_ms[0] <= 2))
            new_ms = [r for r in rows if r[0] == n and r[1] == "new"][0][2]
            rows.append((n, "new vs new at 100", new_ms, None, "inquest new at 100", new_small, "<= 1.2x",
                         new_ms[0] / new_small[0] <= 1.2))
            for what, cmd in [("followups --open", iq("followups", "--open")), ("stats", iq("stats")),
                              ("list --json", iq("list", "--json")), ("list --severity sev1 --open", iq("list", "--severity", "sev1", "--open"))]:
                ms, mb = measure(cmd, env)
                rows.append((n, what, ms, mb, None, None, "< 100 ms" if n >= 10000 and what in ("followups --open", "stats") else "",
                             ms[0] < 100 if n >= 10000 and what in ("followups --open", "stats") else None))
            # Cold runs of the commands that read the records part, for memory and time.
            for what, cmd in [("search, cold index", iq("search", word)), ("followups --open, cold index", iq("followups", "--open"))]:
                ms, mb = measure(cmd, env, drop_index, runs=3)
                rows.append((n, what, ms, mb, None, None, "", None))
            for what, cmd in [("list --no-index", iq("--no-index", "list")), ("search --no-index", iq("--no-index", "search", word))]:
                ms, mb = measure(cmd, env, runs=3)
                rows.append((n, what, ms, mb, None, None, "", None))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


def create_cost(repo):
    """Median (µs, µs) of creating and closing one new file in the repository's objects/
    folder, as a loose object is written; a control for the file system, not a command."""
    times = []
    for i in range(101):
        path = os.path.join(repo, "objects", f"bench_probe_{i}")
        t0 = time.perf_counter_ns()
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o444)
        times.append((time.perf_counter_ns() - t0) / 1e6)
        os.close(fd)
        os.unlink(path)
    us = statistics.median(times) * 1000
    return (us, us)


def timed_cat(s, env):
    """git cat-file --batch over the incident.md blobs: (wall ms, CPU ms)."""
    with open(s.blobs, "rb") as f:
        before = os.times()
        t0 = time.perf_counter_ns()
        subprocess.run(["git", "-C", s.repo, "cat-file", "--batch"], stdin=f, stdout=subprocess.DEVNULL, env=env, check=True)
        after = os.times()
        cpu = (after.children_user - before.children_user + after.children_system - before.children_system) * 1000
        return (time.perf_counter_ns() - t0) / 1e6, cpu


def print_table(rows):
    """Wall time decides the targets; CPU time (user + system) is given beside it because on
    a shared machine waiting for a core inflates wall time, more for longer processes."""
    print("| incidents | command | inquest ms (CPU ms) | peak MB | peer | peer ms (CPU ms) | ratio (CPU ratio) | target | met |")
    print("|---:|---|---:|---:|---|---:|---:|---|---|")
    for n, what, ms, mb, peer, pms, target, ok in rows:
        ratio = f"{ms[0] / pms[0]:.2f}x ({ms[1] / max(pms[1], 0.01):.2f}x)" if pms else ""
        mem = f"{mb:.0f}" if mb is not None else ""
        memok = "" if mb is None else ("" if mb < 200 else " (memory over 200 MB)")
        verdict = "" if ok is None else ("yes" if ok else "**no**")
        peer_ms = "" if pms is None else f"{pms[0]:.1f} ({pms[1]:.1f})"
        print(f"| {n:,} | `{what}` | {ms[0]:.1f} ({ms[1]:.1f}) | {mem} | {peer or ''} | {peer_ms} | {ratio} | {target} | {verdict}{memok} |")


if __name__ == "__main__":
    main()
