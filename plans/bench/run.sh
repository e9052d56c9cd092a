#!/usr/bin/env bash
# Engine benchmarks (measurements, not tests). Needs hyperfine (apt-get install hyperfine).
#   plans/bench/run.sh            # all of them; prints medians and ratios against the peer of each
# Each comparison is measured in the same run as its peer:
#   1. 1,000 log steps, journal forced to disk at every transition vs --no-fsync  -> per-step cost
#   2. 100 exec /bin/true steps vs the same 100 processes from a bash loop          -> per-step cost
#   3. validate and dry-run of a 30-step plan vs the JVM printing --version         -> start-up share
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
./stepwise --version >/dev/null   # builds on first use, creates the class-data archive
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
out=$(mktemp -d)
runs=${RUNS:-10}

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join(str(x['median']) for x in r))" "$1"; }

hyperfine -N -w 2 -r "$runs" --export-json "$out/log.json" \
  "./stepwise run plans/bench/log-1000.yaml --state-dir $state" \
  "./stepwise run plans/bench/log-1000.yaml --state-dir $state --no-fsync" \
  "./stepwise run plans/bench/log-1.yaml --state-dir $state" >/dev/null
read -r fsync nofsync one < <(median "$out/log.json")

hyperfine -N -w 2 -r "$runs" --export-json "$out/exec.json" \
  "./stepwise run plans/bench/exec-100.yaml --state-dir $state" \
  "bash -c 'for i in \$(seq 100); do /bin/true; done'" >/dev/null
read -r exec100 bash100 < <(median "$out/exec.json")

hyperfine -N -w 2 -r "$runs" --export-json "$out/start.json" \
  "./stepwise validate plans/bench/plan-30.yaml" \
  "./stepwise dry-run plans/bench/plan-30.yaml" \
  "./stepwise --version" >/dev/null
read -r validate dryrun version < <(median "$out/start.json")

python3 - "$fsync" "$nofsync" "$one" "$exec100" "$bash100" "$validate" "$dryrun" "$version" <<'PY'
import sys
fsync, nofsync, one, exec100, bash100, validate, dryrun, version = map(float, sys.argv[1:])
print(f"log x1000, fsync:      median {fsync:.3f} s; per step {(fsync-one)/999*1000:.3f} ms (minus a 1-step run {one:.3f} s)")
print(f"log x1000, no fsync:   median {nofsync:.3f} s; per step {(nofsync-one)/999*1000:.3f} ms; fsync/no-fsync = {fsync/nofsync:.2f}x")
print(f"exec /bin/true x100:   median {exec100:.3f} s; bash loop {bash100:.3f} s; per step overhead {(exec100-one-bash100)/100*1000:.2f} ms")
print(f"validate 30 steps:     median {validate:.3f} s; JVM --version {version:.3f} s; ratio {validate/version:.2f}x")
print(f"dry-run 30 steps:      median {dryrun:.3f} s; ratio to --version {dryrun/version:.2f}x")
PY
