#!/bin/sh
# Regenerates bird-master4.mrt and bird-master6.mrt: BIRD "a" (AS 65001) announces static routes with
# communities and large communities over eBGP on loopback to BIRD "b" (AS 65000), and b dumps its tables
# with the CLI command "mrt dump" (RFC 6396 TABLE_DUMP_V2). Needs bird2 (tested with 2.0.12), run as root.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
bird -c "$here/bird-a.conf" -s "$work/a.ctl" -P "$work/a.pid"
bird -c "$here/bird-b.conf" -s "$work/b.ctl" -P "$work/b.pid"
trap 'kill $(cat "$work/a.pid") $(cat "$work/b.pid"); rm -rf "$work"' EXIT
until birdc -s "$work/b.ctl" show protocols a | grep -q Established; do sleep 1; done
sleep 2
birdc -s "$work/b.ctl" "mrt dump table \"master4\" where source = RTS_BGP to \"$work/master4.mrt\""
birdc -s "$work/b.ctl" "mrt dump table \"master6\" where source = RTS_BGP to \"$work/master6.mrt\""
sleep 1
cp "$work/master4.mrt" "$here/bird-master4.mrt"
cp "$work/master6.mrt" "$here/bird-master6.mrt"
birdc -s "$work/b.ctl" show route all > "$here/bird-routes.txt"
