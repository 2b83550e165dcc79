#!/usr/bin/env bash
# Checks the OCI image tar that `mvn -Pimage -pl app -am package` writes (app/target/altokit-image.tar):
# its entrypoint runs the AltoKit jar's main class, port 8181 is exposed, and it runs as a non-root user.
# Reads the tar alone (docker-load layout or OCI layout): no Docker daemon needed.
set -euo pipefail
tar_file="${1:-app/target/altokit-image.tar}"
[ -f "$tar_file" ] || { echo "check-image: no image tar at $tar_file (build it: mvn -Pimage -pl app -am package)" >&2; exit 2; }
python3 - "$tar_file" <<'PY'
import json, sys, tarfile

def blob(tar, digest):
    return json.load(tar.extractfile("blobs/" + digest.replace(":", "/")))

with tarfile.open(sys.argv[1]) as tar:
    names = tar.getnames()
    if "manifest.json" in names:  # docker-load layout
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        config = json.load(tar.extractfile(manifest["Config"]))
    else:  # OCI layout
        index = json.load(tar.extractfile("index.json"))
        config = blob(tar, blob(tar, index["manifests"][0]["digest"])["config"]["digest"])
run = config["config"]
entrypoint = run.get("Entrypoint") or []
problems = []
if not any("io.altokit.app.AltoCommand" in part for part in entrypoint):
    problems.append(f"entrypoint does not start io.altokit.app.AltoCommand: {entrypoint}")
if "8181/tcp" not in (run.get("ExposedPorts") or {}):
    problems.append(f"port 8181/tcp not exposed: {run.get('ExposedPorts')}")
user = run.get("User", "")
if user.split(":")[0] in ("", "0", "root"):
    problems.append(f"runs as root (User={user!r})")
if problems:
    sys.exit("check-image: " + "; ".join(problems))
print(f"check-image: ok: entrypoint {' '.join(entrypoint)}; cmd {run.get('Cmd')}; ports {sorted(run['ExposedPorts'])}; user {user}")
PY
