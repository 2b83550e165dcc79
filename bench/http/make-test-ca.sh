#!/usr/bin/env bash
# Writes a throw-away CA (DIR/ca.crt) and a server certificate for 127.0.0.1 signed by it
# (DIR/server.crt, DIR/server.key; EC P-256, valid 2 days) for the TLS benchmarks.
#   bench/http/make-test-ca.sh DIR
set -euo pipefail
dir="${1:?usage: make-test-ca.sh DIR}"
mkdir -p "$dir"
cd "$dir"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.crt -days 2 \
    -subj "/CN=bench CA" -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout server.key -out server.csr -subj "/CN=alto" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext -out server.crt 2>/dev/null
