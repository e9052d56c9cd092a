#!/usr/bin/env bash
# The diff against its peers on the same data (a measurement, not a test): two local MariaDB 11.4.5
# servers with the same sysbench tables; CHECKSUM TABLE of every table on both at once (the bound),
# diff by default and in chunks only (md5, crc32), the naive SELECT * | md5sum read, and
# pt-table-checksum when installed (apt-get install percona-toolkit). Prints medians and each one's
# ratio to the bound measured in the same run (steps/src/test/.../bench/DiffBench.java does the work).
#   plans/bench/diff.sh [TABLES] [ROWS] [RUNS]      # default 10 100000 3
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
./mvnw -B -pl engine,steps test-compile surefire:test -Dtest=DiffBench -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine=-Xmx256m -Dbench.tables="${1:-10}" -Dbench.rows="${2:-100000}" -Dbench.runs="${3:-3}" \
    -Dsurefire.printSummary=false >"$log" 2>&1 || { tail -60 "$log" >&2; exit 1; }
# the bench's lines are in Maven's log, or in the test's output file when surefire redirects it
outputs=("$log")
for file in steps/target/surefire-reports/*DiffBench-output.txt; do
    if [ -e "$file" ]; then outputs+=("$file"); fi
done
sed -n '/^loaded /p; /skipped:/p; /^== diff benchmark/,/^runner peak/p' "${outputs[@]}" | awk '!seen[$0]++'
