#!/usr/bin/env bash
# Output capture benchmark (a measurement, not a test): an exec step printing BYTES (default
# 500,000,000) on one line and in 100-character lines, each against the same command piped to
# `cat > /dev/null` measured in the same run; prints medians, the ratio, and the runner's peak RSS
# (GNU time's maximum resident set of the largest process, the JVM).
#   plans/bench/output.sh [RUNS] [BYTES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
runs=${1:-3}
bytes=${2:-500000000}
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 1; }
./stepwise --version >/dev/null
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT

measure() {   # label, then the command; prints "seconds rss_kb" per run, one line each
    local label=$1; shift
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %M" -o "$state/time" "$@" >"$state/out" 2>"$state/err" || { cat "$state/out" "$state/err" >&2; exit 1; }
        echo "$label $(cat "$state/time")"
    done
}

line_cmd="head -c $bytes /dev/zero | tr '\\0' a; echo ' BackupTS=42'"
lines_cmd="yes 'the same line of output, 100 characters long, as a chatty tool prints it: key=value other=42 x' | head -c $bytes; printf '\\nBackupTS=42\\n'"
{
    measure line-cat sh -c "($line_cmd) | cat > /dev/null"
    measure line-stepwise ./stepwise run plans/bench/output-line.yaml --state-dir "$state/s" --set bytes="$bytes"
    rm -rf "$state/s"
    measure lines-cat sh -c "($lines_cmd) | cat > /dev/null"
    measure lines-stepwise ./stepwise run plans/bench/output-lines.yaml --state-dir "$state/s" --set bytes="$bytes"
    log=$(ls "$state"/s/runs/*/logs/exec-*.log | head -1)
    echo "log $(stat -c %s "$log") 0"
} > "$state/results"

python3 - "$state/results" "$bytes" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, seconds, rss = line.split()
    rows.setdefault(label, []).append((float(seconds), int(rss)))
bytes_ = int(sys.argv[2])
med = lambda label: statistics.median(s for s, _ in rows[label])
for case in ("line", "lines"):
    cat, sw = med(f"{case}-cat"), med(f"{case}-stepwise")
    rss = max(r for _, r in rows[f"{case}-stepwise"]) / 1024
    print(f"{bytes_:,} bytes, {'one line' if case == 'line' else '100-char lines'}: stepwise run median {sw:.2f} s, "
          f"cat > /dev/null {cat:.2f} s, ratio {sw / cat:.1f}x; peak RSS {rss:.0f} MiB (max of {len(rows[case + '-stepwise'])} runs)")
print(f"log file of the last run: {rows['log'][0][0]:,.0f} bytes")
PY
