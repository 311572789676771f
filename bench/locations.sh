#!/usr/bin/env bash
# Locations benchmark (issue 4): one file location whose tree holds the benchmark catalog (100 files of 100 documents
# under a root Location entity). Portal: time until every entity is queryable after POST /locations, a refresh with
# nothing changed and a refresh after one file changed, with the events each wrote. Then the real Backstage backend
# ingests the same tree, in the same run, and the time until it answers with every entity is printed.
# Usage: bench/locations.sh [entities] [--skip-reference]   (default 10000).
set -euo pipefail
cd "$(dirname "$0")/.."
entities=${1:-10000}
. bench/build.sh

echo "== Portal, $entities entities in 100 files (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
bench locations "$entities" "$out/host/Portal.Host.dll" "$out/portal-yaml" | grep -vE '^(warn|info|\[|      )'

[ "${2:-}" = "--skip-reference" ] && exit 0

reference=../shared/tools/backstage-reference
token=peer-token-0123456789abcdef0123456789
root=$(bench catalog-yaml "$entities" "$out/reference-yaml")
echo "== Backstage reference, the same tree (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
PEER_PLUGINS=catalog PEER_PORT=7077 "$reference/run.sh" >/dev/null
base=http://127.0.0.1:7077
total() {
  curl -fs -H "Authorization: Bearer $token" \
    "$base/api/catalog/entities/by-query?filter=kind=component,kind=api,kind=system,kind=group,kind=user&limit=1" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["totalItems"])'
}
t0=$(date +%s%N)
curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"type\":\"file\",\"target\":\"$root\"}" "$base/api/catalog/locations" >/dev/null
until [ "$(total)" -ge "$entities" ]; do sleep 1; done
echo "all $entities entities queryable $(( ($(date +%s%N) - t0) / 1000000 )) ms after the POST"
"$reference/stop.sh" --wipe >/dev/null
