#!/usr/bin/env bash
# Quickstart wall time, end to end and per phase: runs plans/quickstart.yaml N times (default 3)
# on free ports and prints medians. Phases are read from each step's description ("2.2 ...").
#   plans/bench/quickstart.sh [N]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=${1:-3}
./stepwise --version >/dev/null
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
walls=()
for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    ./stepwise run plans/quickstart.yaml --state-dir "$state" --set primary_port="$(free_port)" \
        --set secondary_port="$(free_port)" --set new_primary_port="$(free_port)" --set s3_port="$(free_port)" >/dev/null
    walls+=("$(python3 -c "import time; print(time.time() - $start)")")
done
python3 - "$state" "${walls[@]}" <<'PY'
import json, os, re, statistics, sys
state, walls = sys.argv[1], [float(w) for w in sys.argv[2:]]
plan = open("plans/quickstart.yaml").read()
phase_of = {}
for m in re.finditer(r"- id: (\w+)\n\s+type: [\w.]+\n\s+description: \"?(\d)", plan):
    phase_of[m.group(1)] = m.group(2)
per_phase = {}
for run in sorted(os.listdir(os.path.join(state, "runs"))):
    totals = {}
    for line in open(os.path.join(state, "runs", run, "journal.jsonl")):
        e = json.loads(line)
        if e.get("event") == "step_completed":
            phase = phase_of.get(e["step"], "report")
            totals[phase] = totals.get(phase, 0) + e.get("duration_ms", 0) / 1000
    for phase, seconds in totals.items():
        per_phase.setdefault(phase, []).append(seconds)
print(f"quickstart end to end: median {statistics.median(walls):.1f} s over {len(walls)} runs (min {min(walls):.1f}, max {max(walls):.1f}); target 90 s -> {statistics.median(walls)/90:.2f} of it")
names = {"1": "deploy, seed, load", "2": "backup, restore, verify", "3": "replicate, catch up", "4": "disaster", "5": "drain, promote, check", "6": "rebuild, replicate, verify"}
for phase in sorted(per_phase):
    print(f"  phase {phase} {names.get(phase, ''):28s} median {statistics.median(per_phase[phase]):6.2f} s")
PY
