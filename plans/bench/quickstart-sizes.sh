#!/usr/bin/env bash
# The quickstart at a given number of rows per table (a measurement, not a test): runs plans/quickstart.yaml RUNS
# times (default 3) with --set table_size=ROWS on free ports, and after each run the by-hand peer of its dump and
# load on the same data: the run's promoted secondary data dir (sbtest's ROWS x 4 tables and the bank, as copy_back
# dumped them) is started by hand with the quickstart's own mariadbd options, dumped with mariadb-dump and the
# mysql.dump step's options to a file, and the file is piped into mariadb with the mysql.load step's options into a
# fresh server (mariadb-install-db and mariadbd as the quickstart's secondary). Prints medians: the wall time end to
# end, the journal's run time, each phase (sum of its steps' durations), each step, the dump and load steps against
# the peer, and the ratios step / peer from the same runs; and the S3 part alone: the peer's dump file put to and got
# from an in-runner S3Proxy with plans/bench/s3-copy.yaml.
#   plans/bench/quickstart-sizes.sh [ROWS] [RUNS]      # default 10000 3
# The steps do more than the peer: mysql.dump uploads to S3 (S3Proxy in the runner) and the primary's dump runs under
# the oltp and bank loads; mysql.load downloads the file from S3 first. The peer runs on idle servers.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
rows=${1:-10000}
runs=${2:-3}
./stepwise --version >/dev/null
home=${STEPWISE_MARIADB_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/stepwise/mariadb-11.4.5}
state=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    [[ -n $keep ]] || rm -rf "$state"
}
keep=
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
since() { python3 -c "import time; print(f'{time.time() - $1:.3f}')"; }
export LD_LIBRARY_PATH=$home/libs

# client options as ClientOptionsFile writes them
client_cnf() { printf '[client]\nhost=127.0.0.1\nport=%s\nuser=root\nprotocol=TCP\nskip-ssl-verify-server-cert\n' "$2" >"$1"; chmod 600 "$1"; }
# mariadbd with mariadb.local's options; $1 data dir, $2 port, $3 name, $4 server id, then extra options
start_server() {
    local data=$1 port=$2 name=$3 id=$4
    shift 4
    mkdir -p "$data-tmp"
    (cd "$data" && exec "$home/bin/mariadbd" --no-defaults --console --basedir="$home" --datadir="$data" \
        --tmpdir="$data-tmp" --port="$port" --bind-address=127.0.0.1 --socket=mariadbd.sock \
        --pid-file="$data/mariadbd.pid" --skip-grant-tables --max_allowed_packet=64M --log-basename="$name" \
        --relay-log="$name-relay-bin" --server-id="$id" --user=root --innodb-log-file-size=8M \
        --innodb-undo-tablespaces=0 --skip-ssl --log-bin="$name-bin" --binlog-format=ROW --gtid-strict-mode=1 \
        "$@" >"$data-tmp/../peer-$name.log" 2>&1) &
    pids+=($!)
    local cnf=$data-tmp/client.cnf
    client_cnf "$cnf" "$port"
    for _ in $(seq 600); do
        "$home/bin/mariadb" --defaults-file="$cnf" -e 'SELECT 1' >/dev/null 2>&1 && return 0  # (no mariadb-admin here)
        sleep 0.1
    done
    echo "mariadbd $name did not start; see $data-tmp/../peer-$name.log" >&2
    exit 1
}
stop_servers() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    pids=()
}

walls=()
peers=$state/peers.tsv
: >"$peers"
for i in $(seq "$runs"); do
    start=$(now)
    ./stepwise run plans/quickstart.yaml --state-dir "$state" --set table_size="$rows" \
        --set primary_port="$(free_port)" --set secondary_port="$(free_port)" \
        --set new_primary_port="$(free_port)" --set s3_port="$(free_port)" >"$state/run-$i.out" 2>&1 \
        || { tail -40 "$state/run-$i.out" >&2; keep=1; echo "quickstart run $i failed; its journal and output are kept in $state" >&2; exit 1; }
    walls+=("$(since "$start")")
    run=$(ls -td "$state"/runs/*/ | head -1)
    run=${run%/}

    # the by-hand peer on this run's data
    peer=$state/peer-$i
    mkdir -p "$peer"
    src_port=$(free_port)
    # the secondary's own options (its binlog and relay log names), not replicating, not read-only
    start_server "$run/mariadb/secondary/data" "$src_port" secondary 2 --log-slave-updates=1 --skip-slave-start
    "$home/scripts/mariadb-install-db" --no-defaults --basedir="$home" --datadir="$peer/data" \
        --auth-root-authentication-method=normal --skip-test-db --skip-name-resolve --force \
        --innodb-log-file-size=8M --innodb-undo-tablespaces=0 >"$peer/install.log" 2>&1
    dst_port=$(free_port)
    start_server "$peer/data" "$dst_port" secondary 2 --read-only=1 --log-slave-updates=1
    start=$(now)
    "$home/bin/mariadb-dump" --defaults-file="$run/mariadb/secondary/data-tmp/client.cnf" --single-transaction \
        --master-data=2 --gtid --routines --events --triggers --hex-blob --databases sbtest bank >"$peer/dump.sql"
    dump_s=$(since "$start")
    start=$(now)
    "$home/bin/mariadb" --defaults-file="$peer/data-tmp/client.cnf" --batch --abort-source-on-error \
        '--init-command=SET SESSION sql_log_bin=0' <"$peer/dump.sql"
    load_s=$(since "$start")
    count=$("$home/bin/mariadb" --defaults-file="$peer/data-tmp/client.cnf" -N -e \
        "SELECT (SELECT COUNT(*) FROM sbtest.sbtest1)+(SELECT COUNT(*) FROM sbtest.sbtest2)+(SELECT COUNT(*) FROM sbtest.sbtest3)+(SELECT COUNT(*) FROM sbtest.sbtest4)")
    # the S3 part of the steps alone: the same file put to and got from an in-runner S3Proxy (s3-copy.yaml)
    ./stepwise run plans/bench/s3-copy.yaml --state-dir "$state/s3" --set file="$peer/dump.sql" \
        --set s3_port="$(free_port)" >"$peer/s3.out" 2>&1 || { tail -20 "$peer/s3.out" >&2; exit 1; }
    s3=$(python3 -c 'import json, sys; d = {e["step"]: e["duration_ms"] / 1000 for e in map(json.loads, open(sys.argv[1])) if e.get("event") == "step_completed"}; print(d["put"], d["get"], sep="\t")' \
        "$(ls -td "$state"/s3/runs/*/ | head -1)journal.jsonl")
    rm -rf "$state"/s3/runs/*/s3 "$state"/s3/runs/*/tmp
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(basename "$run")" "$dump_s" "$load_s" "$(stat -c %s "$peer/dump.sql")" "$count" "$s3" >>"$peers"
    stop_servers
    # keep the journal, free the data (three data dirs, the S3 copies and the peer's at 500k rows are several GB)
    rm -rf "$run/mariadb" "$run/s3" "$run/tmp" "$peer"
done

python3 - "$state" "$rows" "$peers" "${walls[@]}" <<'PY'
import datetime, json, os, re, statistics, sys
state, rows, peers, walls = sys.argv[1], int(sys.argv[2]), sys.argv[3], [float(w) for w in sys.argv[4:]]
med = statistics.median
plan = open("plans/quickstart.yaml").read()
phase_of, order = {}, []
for m in re.finditer(r"- id: (\w+)\n\s+type: [\w.]+\n\s+description: \"?(\d)", plan):
    phase_of[m.group(1)] = m.group(2)
for m in re.finditer(r"- id: (\w+)\n\s+type: ", plan):
    order.append(m.group(1))
peer = {}
for line in open(peers):
    run, dump_s, load_s, size, count, put_s, get_s = line.split("\t")
    peer[run] = (float(dump_s), float(load_s), int(size), int(count), float(put_s), float(get_s))
at = lambda e: datetime.datetime.fromisoformat(e["at"][:26])
per_phase, per_step, spans, dump_bytes, ratios = {}, {}, [], [], {"backup": [], "restore": [], "copy_back": [], "restore_back": []}
for run in sorted(os.listdir(os.path.join(state, "runs"))):
    totals, steps, first, last = {}, {}, None, None
    for line in open(os.path.join(state, "runs", run, "journal.jsonl")):
        e = json.loads(line)
        if e.get("event") == "run_started": first = at(e)
        if e.get("event") == "run_finished": last = at(e)
        if e.get("event") == "step_completed":
            seconds = e.get("duration_ms", 0) / 1000
            steps[e["step"]] = seconds
            phase = phase_of.get(e["step"], "report")
            totals[phase] = totals.get(phase, 0) + seconds
            if e["step"] in ("backup", "copy_back"):
                dump_bytes.append(e["values"]["bytes"])
    spans.append((last - first).total_seconds())
    for phase, seconds in totals.items():
        per_phase.setdefault(phase, []).append(seconds)
    for step, seconds in steps.items():
        per_step.setdefault(step, []).append(seconds)
    d, l = peer[run][:2]
    ratios["backup"].append(steps["backup"] / d); ratios["copy_back"].append(steps["copy_back"] / d)
    ratios["restore"].append(steps["restore"] / l); ratios["restore_back"].append(steps["restore_back"] / l)
n = len(walls)
print(f"== quickstart at {rows} rows per table (4 tables), {n} runs, medians (min..max) ==")
rng = lambda xs: f"{med(xs):7.2f} s  ({min(xs):.2f}..{max(xs):.2f})"
print(f"end to end (./stepwise run, JVM included)   {rng(walls)}")
print(f"run time (journal: run_started..finished)    {rng(spans)}")
names = {"1": "deploy, seed, load", "2": "backup, restore, verify", "3": "replicate, catch up", "4": "disaster",
         "5": "drain, promote, check", "6": "rebuild, replicate, verify"}
total = sum(med(v) for v in per_phase.values())
print(f"sum of the steps' durations (medians per phase) {total:7.2f} s (the rest of the run time: between steps, stopping servers)")
for phase in sorted(per_phase):
    print(f"  phase {phase} {names.get(phase, ''):28s}      {rng(per_phase[phase])}  {100 * med(per_phase[phase]) / total:4.1f}% of step time")
print("steps:")
for step in order:
    if step in per_step:
        print(f"  {step:22s} (phase {phase_of.get(step, '-')})  {rng(per_step[step])}")
p = list(peer.values())
pd, pl, pput, pget = [x[0] for x in p], [x[1] for x in p], [x[4] for x in p], [x[5] for x in p]
print(f"dump size: step median {med(dump_bytes) / 1e6:.1f} MB, peer median {med([x[2] for x in p]) / 1e6:.1f} MB; "
      f"peer loaded {sorted(set(x[3] for x in p))} sbtest rows (expected about {4 * rows})")
print(f"by hand: mariadb-dump --single-transaction ... > file    {rng(pd)}")
print(f"by hand: mariadb ... < file                              {rng(pl)}")
print(f"s3 step: put of that file to S3Proxy                      {rng(pput)}")
print(f"s3 step: get of it back                                   {rng(pget)}")
print(f"  mariadb-dump + put {med(pd) + med(pput):6.2f} s against backup {med(per_step['backup']):6.2f} s, copy_back {med(per_step['copy_back']):6.2f} s")
print(f"  get + mariadb <    {med(pget) + med(pl):6.2f} s against restore {med(per_step['restore']):6.2f} s, restore_back {med(per_step['restore_back']):6.2f} s")
for step, peer_name, peer_times in (("backup", "mariadb-dump", pd), ("copy_back", "mariadb-dump", pd),
                                    ("restore", "mariadb <", pl), ("restore_back", "mariadb <", pl)):
    print(f"  {step:12s} / {peer_name:12s}  {med(per_step[step]) / med(peer_times):5.2f}x  "
          f"(per run {', '.join(f'{r:.2f}' for r in ratios[step])})")
PY
