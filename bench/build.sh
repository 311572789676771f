# Sourced by the benchmark scripts from the repository root: builds the Release host and the harness into a temporary
# folder that is removed on exit, and defines `bench` to run the harness.
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bench() { dotnet "$out/bench/Portal.Bench.dll" "$@"; }

dotnet build src/Host -c Release -o "$out/host" -v quiet -nologo >/dev/null
dotnet build bench/Portal.Bench -c Release -o "$out/bench" -v quiet -nologo >/dev/null

# The build leaves its outputs to be written back; flushed now, so the first measurement's commits do not wait behind them.
sync
