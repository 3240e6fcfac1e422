#!/usr/bin/env bash
# The simulation benchmark (design/performance.md), whole process, in one run:
#   - the national data set (policyc datagen, 200,000 schools) as a DuckDB file and as Parquet, made once and
#     kept in bench/.data/ (never committed);
#   - policyc simulate of examples/zaozhuang-shizhong-2019.policy, baseline + cap_120, from DuckDB and from
#     Parquet: cold (an empty cache, so the policy is compiled and every cohort row checked), cached (the compiled
#     policy, what the run needs of it, and the data set's checks, which policyc remembers for unchanged files), and
#     cached with the checks made again (the first run of a known policy over a new data set);
#   - the peer: the same model written as DuckDB SQL (bench/duckdb-sql/zaozhuang.sql), run on the same database
#     through DuckDB's C API (bench/duckdb-sql/run.c, the libduckdb.so policyc itself uses); its totals are
#     checked against policyc's (from DuckDB and from Parquet) before anything is timed;
#   - a 20-scenario sweep (fee.cap = 30..220 step 10) against the one-scenario run;
#   - peak memory (maximum resident set) of each run.
# Rounds are interleaved (every command once per round) and the medians reported, with the ratios against the
# peer taken within the run. Prints the machine and its load first: the machines are shared.
#
#   bench/simulation.sh [--schools N] [--seed S] [--rounds R] [--no-build]     (REGENERATE=1 remakes the data)
set -euo pipefail

SCHOOLS=200000
SEED=1
ROUNDS=5
BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --schools) SCHOOLS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "simulation.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="$ROOT/bench/.data"
BIN="$ROOT/src/PolicyLang.Cli/bin/Release/net10.0"
POLICYC="$BIN/policyc"
POLICY="$ROOT/examples/zaozhuang-shizhong-2019.policy"
SCENARIO=cap_120
SWEEP="fee.cap=30..220:10"
mkdir -p "$DATA"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/policylang-simbench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# --- the machine -------------------------------------------------------------------------------------------
echo "== machine"
echo "date:      $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cores:     $(nproc)"
echo "memory:    $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "processor: $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
echo "os:        $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME") $(uname -r)"
echo "dotnet:    $(dotnet --version)"
echo "load:      $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

# --- build ---------------------------------------------------------------------------------------------------
if [[ $BUILD == 1 ]]; then
  echo "== build (Release)"
  dotnet build -c Release "$ROOT/src/PolicyLang.Cli" -nologo -v q | grep -E "error|Warn|Elapsed" || true
fi
[[ -x "$POLICYC" ]] || { echo "simulation.sh: $POLICYC is missing; run without --no-build" >&2; exit 2; }
LIBDIR="$BIN/runtimes/linux-x64/native"
[[ "$(uname -m)" == aarch64 ]] && LIBDIR="$BIN/runtimes/linux-arm64/native"
PEER="$DATA/duckdb-sql-run"
if [[ ! -x "$PEER" || "$ROOT/bench/duckdb-sql/run.c" -nt "$PEER" || "$LIBDIR/libduckdb.so" -nt "$PEER" ]]; then
  cc -O2 -o "$PEER" "$ROOT/bench/duckdb-sql/run.c" -L"$LIBDIR" -lduckdb -Wl,-rpath,"$LIBDIR"
fi

# --- data ----------------------------------------------------------------------------------------------------
DB="$DATA/national-$SCHOOLS-$SEED.duckdb"
PARQUET="$DATA/national-$SCHOOLS-$SEED-parquet"
if [[ ! -f "$DB" || -n "${REGENERATE:-}" ]]; then
  echo "== datagen $SCHOOLS schools, seed $SEED → $DB"
  "$POLICYC" datagen --schools "$SCHOOLS" --seed "$SEED" --out "$DB"
  GENERATED=1
fi
if [[ ! -f "$PARQUET/cohorts.parquet" || -n "${REGENERATE:-}" ]]; then
  echo "== datagen $SCHOOLS schools, seed $SEED → $PARQUET"
  "$POLICYC" datagen --schools "$SCHOOLS" --seed "$SEED" --out "$PARQUET" --format parquet
  GENERATED=1
fi
# policyc remembers a data set's checks only for files written at least two seconds before (CheckedDataCache).
[[ -n "${GENERATED:-}" ]] && sleep 2
echo "== data"
echo "duckdb:  $DB ($(du -m "$DB" | cut -f1) MB)"
echo "parquet: $PARQUET ($(du -sm "$PARQUET" | cut -f1) MB)"
echo "SELECT (SELECT count(*) FROM schools) || ' schools, ' || (SELECT count(*) FROM cohorts) || ' cohort rows, ' || (SELECT sum(students) FROM cohorts) || ' students'" > "$WORK/rows.sql"
echo "rows:    $("$PEER" "$DB" "$WORK/rows.sql" | tail -1)"

# --- measuring -----------------------------------------------------------------------------------------------
# run NAME CMD...: runs CMD (output to $WORK/NAME.out, errors to $WORK/NAME.err) and appends "NAME seconds peak_kib cpu"
# to $WORK/times (wall time from the shell's clock). Peak memory is the maximum resident set of the process (and its children): GNU time's %M, or
# without it, VmHWM read from /proc while it runs. CPU is user + system seconds (GNU time only; 0 without it): on a
# shared machine it drifts less than the wall time.
calc() { awk "BEGIN { print $1 }"; }
run() {
  local name="$1"; shift
  local start end peak user system cpu
  start=$(date +%s.%N)
  if [[ -x /usr/bin/time && -z "${NO_GNU_TIME:-}" ]]; then
    /usr/bin/time -f "%M %U %S" -o "$WORK/time" "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || { cat "$WORK/$name.err" >&2; exit 1; }
    read -r peak user system < <(tail -1 "$WORK/time")
    cpu=$(calc "$user + $system")
  else
    "$@" > "$WORK/$name.out" 2> "$WORK/$name.err" &
    local pid=$! hwm=0 v
    while kill -0 "$pid" 2>/dev/null; do
      v=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
      [[ -n "$v" && "$v" -gt "$hwm" ]] && hwm=$v
      sleep 0.02
    done
    wait "$pid" || { cat "$WORK/$name.err" >&2; exit 1; }
    peak=$hwm
    cpu=0
  fi
  end=$(date +%s.%N)
  seconds=$(calc "$end - $start")
  echo "$name $seconds $peak $cpu" >> "$WORK/times"
}

cold_cache() { local d; d="$(mktemp -d "$WORK/cache.XXXXXX")"; echo "$d"; }
WARM="$WORK/cache-warm"
mkdir -p "$WARM"

# --- correctness: the peer's totals are policyc's --------------------------------------------------------------
echo "== check: DuckDB SQL totals = policyc totals"
POLICYC_CACHE="$WARM" "$POLICYC" simulate "$POLICY" --data "$DB" --scenario "$SCENARIO" --format json > "$WORK/check.json"
"$PEER" "$DB" "$ROOT/bench/duckdb-sql/zaozhuang.sql" > "$WORK/check.tsv"
jq -r '.scenarios[] | [.name, .totals.participants, .totals.family_payments, .totals.subsidy_cost, .totals.school_revenue, .totals.staff_pool, .totals.noncompliant_schools] | @tsv' "$WORK/check.json" > "$WORK/policyc.tsv"
normalize() { awk -F'\t' 'NR > 0 { for (i = 2; i <= NF; i++) $i = sprintf("%.2f", $i); print }' OFS='\t'; }
tail -n +2 "$WORK/check.tsv" | normalize > "$WORK/sql.norm"
normalize < "$WORK/policyc.tsv" > "$WORK/policyc.norm"
column -t -s $'\t' < "$WORK/check.tsv"
if ! diff -u "$WORK/policyc.norm" "$WORK/sql.norm"; then
  echo "simulation.sh: the SQL peer and policyc disagree (above: - policyc, + SQL); nothing timed" >&2
  exit 1
fi
POLICYC_CACHE="$WARM" "$POLICYC" simulate "$POLICY" --data "$PARQUET" --scenario "$SCENARIO" --format json \
  | jq -r '.scenarios[] | [.name, .totals.participants, .totals.family_payments, .totals.subsidy_cost, .totals.school_revenue, .totals.staff_pool, .totals.noncompliant_schools] | @tsv' \
  > "$WORK/parquet.tsv"
if ! diff -u "$WORK/policyc.tsv" "$WORK/parquet.tsv"; then
  echo "simulation.sh: policyc's totals from DuckDB and from Parquet differ (above); nothing timed" >&2
  exit 1
fi
echo "agree (participants, family payments, subsidy cost, school revenue, staff pool, non-compliant schools; policyc from DuckDB and from Parquet)"
"$PEER" "$DB" "$ROOT/bench/duckdb-sql/zaozhuang.sql" > /dev/null   # DuckDB's own warm-up: file pages in cache
POLICYC_CACHE="$WARM" "$POLICYC" simulate "$POLICY" --data "$DB" --sweep "$SWEEP" > /dev/null    # the sweep's own entry
# The warm cache now holds the compiled policy, what each run's arguments need of the bound policy (its prepared
# simulations: the policy is not parsed again) and, for each data set, that its cohorts passed the checks that read
# every row (policyc remembers that for files unchanged since). A second cache holds the same but cannot remember
# checks (its checked-data is a file, not a folder): each run over it checks every cohort row, as the first run of
# a known policy over a new data set does.
RECHECK="$WORK/cache-recheck"
mkdir -p "$RECHECK"
cp "$WARM"/*.dll "$RECHECK"/
cp -r "$WARM/simulations" "$RECHECK"/
: > "$RECHECK/checked-data"

# --- rounds --------------------------------------------------------------------------------------------------
echo "== $ROUNDS rounds (load at start: $(cut -d' ' -f1 /proc/loadavg))"
for ((r = 1; r <= ROUNDS; r++)); do
  run sql "$PEER" "$DB" "$ROOT/bench/duckdb-sql/zaozhuang.sql"
  POLICYC_CACHE="$(cold_cache)" run cold_duckdb "$POLICYC" simulate "$POLICY" --data "$DB" --scenario "$SCENARIO"
  POLICYC_CACHE="$WARM" run cached_duckdb "$POLICYC" simulate "$POLICY" --data "$DB" --scenario "$SCENARIO"
  POLICYC_CACHE="$RECHECK" run cached_duckdb_recheck "$POLICYC" simulate "$POLICY" --data "$DB" --scenario "$SCENARIO"
  POLICYC_CACHE="$(cold_cache)" run cold_parquet "$POLICYC" simulate "$POLICY" --data "$PARQUET" --scenario "$SCENARIO"
  POLICYC_CACHE="$WARM" run cached_parquet "$POLICYC" simulate "$POLICY" --data "$PARQUET" --scenario "$SCENARIO"
  POLICYC_CACHE="$RECHECK" run cached_parquet_recheck "$POLICYC" simulate "$POLICY" --data "$PARQUET" --scenario "$SCENARIO"
  POLICYC_CACHE="$WARM" run cached_duckdb_json "$POLICYC" simulate "$POLICY" --data "$DB" --scenario "$SCENARIO" --format json
  POLICYC_CACHE="$WARM" run sweep20_duckdb "$POLICYC" simulate "$POLICY" --data "$DB" --sweep "$SWEEP"
  echo "  round $r done (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
# The sweep's scenarios: 30, 40, …, 220 is 20 values, beside the baseline.
SWEPT=$(POLICYC_CACHE="$WARM" "$POLICYC" simulate "$POLICY" --data "$DB" --sweep "$SWEEP" --format json | jq '.scenarios | length - 1')

# --- report --------------------------------------------------------------------------------------------------
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
stat() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$WORK/times"; }
SQL=$(stat sql 2 | median)
echo
SQLCPU=$(stat sql 4 | median)
echo "== results: $ROUNDS rounds, whole process. wall: median and fastest, seconds; × SQL: median of the rounds' own ratios"
echo "   (each run against the SQL peer's run in the same round); cpu: median user + system seconds; peak: largest maximum resident set"
printf "%-23s %8s %8s %8s %8s %8s %9s\n" run wall fastest "× SQL" cpu "cpu × SQL" "peak MiB"
for name in sql cold_duckdb cached_duckdb cached_duckdb_recheck cold_parquet cached_parquet cached_parquet_recheck cached_duckdb_json sweep20_duckdb; do
  m=$(stat "$name" 2 | median)
  f=$(stat "$name" 2 | sort -n | head -1)
  p=$(stat "$name" 3 | sort -n | tail -1)
  c=$(stat "$name" 4 | median)
  ratio=$(paste <(stat "$name" 2) <(stat sql 2) | awk '{ print $1 / $2 }' | median)
  printf "%-23s %8.2f %8.2f %8.2f %8.2f %8.2f %9.0f\n" "$name" "$m" "$f" "$ratio" "$c" "$(calc "$c / ($SQLCPU > 0 ? $SQLCPU : 1)")" "$(calc "$p / 1024")"
done
ONE=$(stat cached_duckdb 2 | median)
SW=$(stat sweep20_duckdb 2 | median)
echo
echo "sweep: $SWEPT scenarios + baseline in $(printf %.2f "$SW") s = $(printf %.2f "$(paste <(stat sweep20_duckdb 2) <(stat cached_duckdb 2) | awk '{ print $1 / $2 }' | median)")× the one-scenario cached run, median of the rounds' ratios (target < 4×)"
echo "cold from DuckDB: $(printf %.2f "$(stat cold_duckdb 2 | median)") s (target < 5 s); cached from DuckDB: $(printf %.2f "$(paste <(stat cached_duckdb 2) <(stat sql 2) | awk '{ print $1 / $2 }' | median)")× DuckDB SQL (target < 1×)"
echo "peak memory: $(printf %.0f "$(calc "$(awk '{ print $3 }' "$WORK/times" | sort -n | tail -1) / 1024")") MiB, the largest of any run (target < 4 GB)"
