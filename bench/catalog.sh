#!/usr/bin/env bash
# Catalog benchmark (issue 3): bulk write, one-client latencies, 16-client throughput and memory of the real
# host over a generated catalog, then the same by-query against the real Backstage backend on the same
# 10,000 entities, both measured in this one run.
# Usage: bench/catalog.sh [entities] [--skip-reference]   (default 100000). Needs wrk and hey (apt-get install wrk hey).
set -euo pipefail
cd "$(dirname "$0")/.."
entities=${1:-100000}
. bench/build.sh

echo "== Portal, $entities entities (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
bench catalog "$entities" "$out/host/Portal.Host.dll"
echo "== plans of the main queries"
bench catalog "$entities" "$out/host/Portal.Host.dll" --explain

[ "${2:-}" = "--skip-reference" ] && exit 0

reference=../shared/tools/backstage-reference
token=peer-token-0123456789abcdef0123456789
echo "== Portal, 10,000 entities"
bench catalog 10000 "$out/host/Portal.Host.dll" | grep -E '^(bulk|services|by-query kind)'
echo "== Backstage reference, the same 10,000 entities from file locations"
root=$(bench catalog-yaml 10000 "$out/yaml")
PEER_PLUGINS=catalog PEER_PORT=7077 "$reference/run.sh" >/dev/null
base=http://127.0.0.1:7077
t0=$(date +%s)
curl -fs -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"type\":\"file\",\"target\":\"$root\"}" "$base/api/catalog/locations" >/dev/null
until [ "$(curl -fs -H "Authorization: Bearer $token" "$base/api/catalog/entities/by-query?filter=kind=component,kind=api,kind=system,kind=group,kind=user&limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["totalItems"])')" -ge 10000 ]; do sleep 5; done
echo "ingested after $(( $(date +%s) - t0 )) s"
"$reference/stop.sh" >/dev/null
PEER_PLUGINS=catalog PEER_PORT=7077 PEER_KEEP_DATA=1 PEER_EXTRA_CONFIG=app-config.no-processing.yaml "$reference/run.sh" >/dev/null
bench catalog-latency "$base" "$token"
"$reference/stop.sh" --wipe >/dev/null
