#!/usr/bin/env python3
"""Signs every commit of BASE..BRANCH in a repository with an ed25519 SSH key, in process,
exactly as `git commit -S` with gpg.format=ssh would (an SSHSIG over the commit in namespace
"git", sha512, armored at 70 columns, in a gpgsig header), and moves BRANCH to the signed
copy. Running ssh-keygen once per commit would take minutes for 10,000 commits; this takes
seconds. Needs the `cryptography` package. git verify-commit checks a sample afterwards.

usage: sign-history.py REPO BRANCH BASE KEYFILE [EMAIL=KEYFILE ...]

Each EMAIL=KEYFILE signs the commits whose author email is EMAIL with that key instead
(an approval signed by the approver, say); KEYFILE signs the rest.
"""
import base64, hashlib, os, struct, subprocess, sys, tempfile
from cryptography.hazmat.primitives import serialization


def string(b):
    return struct.pack(">I", len(b)) + b


def main():
    repo, branch, base, keyfile = sys.argv[1:5]
    load = lambda path: serialization.load_ssh_private_key(open(path, "rb").read(), password=None)
    default_key = load(keyfile)
    by_email = {}
    for arg in sys.argv[5:]:
        email, _, path = arg.partition("=")
        by_email[email.encode()] = load(path)

    def key_for(head):
        for line in head.split(b"\n"):
            if line.startswith(b"author "):
                email = line[line.index(b"<") + 1:line.index(b">")]
                return by_email.get(email, default_key)
        return default_key

    def sshsig(message, key):
        pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        pubblob = string(b"ssh-ed25519") + string(pub)
        signed = b"SSHSIG" + string(b"git") + string(b"") + string(b"sha512") + string(hashlib.sha512(message).digest())
        sig = string(b"ssh-ed25519") + string(key.sign(signed))
        blob = b"SSHSIG" + struct.pack(">I", 1) + string(pubblob) + string(b"git") + string(b"") + string(b"sha512") + string(sig)
        b64 = base64.b64encode(blob).decode()
        lines = [b64[i:i + 70] for i in range(0, len(b64), 70)]
        return "-----BEGIN SSH SIGNATURE-----\n" + "\n".join(lines) + "\n-----END SSH SIGNATURE-----"

    git = lambda *a, **k: subprocess.run(["git", "-C", repo] + list(a), check=True, capture_output=True, **k).stdout
    ids = git("rev-list", "--reverse", "--topo-order", f"{base}..{branch}").decode().split()
    batch = git("cat-file", "--batch", input=("\n".join(ids) + "\n").encode())
    bodies, pos = {}, 0
    for cid in ids:
        header_end = batch.index(b"\n", pos)
        size = int(batch[pos:header_end].split()[2])
        bodies[cid] = batch[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1

    new_id = {}
    out = tempfile.mkdtemp(prefix="inquest-sign-")
    paths = []
    for n, cid in enumerate(ids):
        head, _, message = bodies[cid].partition(b"\n\n")
        lines = []
        for line in head.split(b"\n"):
            if line.startswith(b"parent "):
                p = line[7:].decode()
                line = b"parent " + new_id.get(p, p).encode()
            lines.append(line)
        unsigned = b"\n".join(lines) + b"\n\n" + message
        sig = sshsig(unsigned, key_for(head)).replace("\n", "\n ")
        signed = b"\n".join(lines) + b"\ngpgsig " + sig.encode() + b"\n\n" + message
        new_id[cid] = hashlib.sha1(b"commit %d\0" % len(signed) + signed).hexdigest()
        path = os.path.join(out, str(n))
        with open(path, "wb") as f:
            f.write(signed)
        paths.append(path)
    written = git("hash-object", "-t", "commit", "-w", "--stdin-paths", input=("\n".join(paths) + "\n").encode()).decode().split()
    assert written == [new_id[c] for c in ids], "git computed other ids than expected"
    git("update-ref", f"refs/heads/{branch}", new_id[ids[-1]])
    for p in paths:
        os.remove(p)
    os.rmdir(out)
    print(new_id[ids[-1]])


main()
