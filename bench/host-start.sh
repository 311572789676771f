#!/usr/bin/env bash
# Host start to /health/ready 200 with an existing embedded data directory.
# Usage: bench/host-start.sh [runs]   (default 10). Prints every run, then median and p95 in ms.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
out=$(mktemp -d)
data="$out/pg"
port=7107

dotnet build src/Host -c Release -o "$out/host" -v quiet -nologo >/dev/null

start_once() {
  local t0 t1
  t0=$(date +%s%N)
  dotnet "$out/host/Portal.Host.dll" --Portal:DataDirectory="$data" --Urls="http://127.0.0.1:$port" >>"$out/host.log" 2>&1 &
  local pid=$!
  until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "host exited; see $out/host.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s%N)
  kill -TERM "$pid"; wait "$pid" || true
  echo $(( (t1 - t0) / 1000000 ))
}

echo "first start (initdb + schema): $(start_once) ms"
times=()
for i in $(seq 1 "$runs"); do
  ms=$(start_once); times+=("$ms"); echo "run $i: $ms ms"
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {
  m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
  p = a[int(0.95 * NR + 0.999)];
  printf "runs=%d median=%d ms p95=%d ms\n", NR, m, p }'
rm -rf "$out"
