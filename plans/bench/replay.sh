#!/usr/bin/env bash
# Journal replay benchmark (a measurement, not a test). Needs hyperfine (apt-get install hyperfine).
#   plans/bench/replay.sh
# Runs a 1,000-step and a 10,000-step log plan once each, then times, in the same hyperfine run,
# `stepwise status RUN` of both finished runs (one replay of the journal, the plan checked, the report)
# and `stepwise resume RUN` of both (the replay, then the refusal of a finished run), against
# `stepwise --version` (the JVM's start-up). Prints medians and the 10k/1k ratio of the time above
# start-up: linear growth gives about 10.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)" >&2; exit 1; }
./stepwise --version >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=${RUNS:-10}
for n in 1000 10000; do
    python3 - "$n" > "$work/log-$n.yaml" <<'PY'
import sys
n = int(sys.argv[1])
print(f"name: bench-replay-{n}\nsteps:")
for i in range(1, n + 1):
    print(f"  - {{id: s{i}, type: log, with: {{message: \"step {i}\"}}}}")
PY
    ./stepwise run "$work/log-$n.yaml" --state-dir "$work/state-$n" --no-fsync >/dev/null
    ls "$work/state-$n/runs" > "$work/run-$n"
done
r1=$(cat "$work/run-1000"); r10=$(cat "$work/run-10000")
lines1=$(wc -l < "$work/state-1000/runs/$r1/journal.jsonl"); lines10=$(wc -l < "$work/state-10000/runs/$r10/journal.jsonl")
hyperfine -N -i -w 2 -r "$runs" --export-json "$work/replay.json" \
  "./stepwise status $r1 --state-dir $work/state-1000" \
  "./stepwise status $r10 --state-dir $work/state-10000" \
  "./stepwise resume $r1 --state-dir $work/state-1000" \
  "./stepwise resume $r10 --state-dir $work/state-10000" \
  "./stepwise --version" >/dev/null
echo "replay alone, in one JVM (engine/src/test/.../ReplayBench):"
./mvnw -B -q -o -pl engine test-compile dependency:build-classpath -Dmdep.outputFile="$work/cp" >/dev/null
java -cp "engine/target/classes:engine/target/test-classes:$(cat "$work/cp")" io.stepwise.engine.internal.ReplayBench \
    "$work/state-1000/runs/$r1/journal.jsonl" "$work/state-10000/runs/$r10/journal.jsonl"
python3 - "$work/replay.json" "$lines1" "$lines10" <<'PY'
import json, sys
r = [x["median"] for x in json.load(open(sys.argv[1]))["results"]]
s1, s10, u1, u10, v = r
print(f"journal lines: {sys.argv[2]} (1k steps), {sys.argv[3]} (10k steps)")
print(f"status  1k: {s1:.3f} s   10k: {s10:.3f} s   above start-up: {s1 - v:.3f} s vs {s10 - v:.3f} s, ratio {(s10 - v) / max(s1 - v, 1e-3):.1f}x")
print(f"resume  1k: {u1:.3f} s   10k: {u10:.3f} s   above start-up: {u1 - v:.3f} s vs {u10 - v:.3f} s, ratio {(u10 - v) / max(u1 - v, 1e-3):.1f}x")
print(f"start-up (--version): {v:.3f} s")
PY
