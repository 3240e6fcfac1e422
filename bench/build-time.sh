#!/usr/bin/env bash
# policyc build, whole process, for each example policy (target in design/performance.md: < 2 s each),
# against `policyc check` of the same file in the same run (same process start-up, parse and bind; no
# Roslyn emit): the ratio is what compiling to an assembly adds. Rounds are interleaved; median and fastest.
#   bash bench/build-time.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
dotnet build -c Release src/PolicyLang.Cli -v q -nologo >/dev/null
policyc="src/PolicyLang.Cli/bin/Release/net10.0/policyc.dll"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "machine: $(nproc) cores; $(dotnet --version) SDK; $(date -u '+%Y-%m-%d %H:%M') UTC; load average $(cut -d' ' -f1-3 /proc/loadavg)"
now() { date +%s.%N; }
printf '%-44s %10s %10s %10s %8s\n' "policy" "build p50" "build min" "check p50" "ratio"
for policy in examples/*.policy; do
  builds=(); checks=()
  for ((r = 0; r < rounds; r++)); do
    t0=$(now); dotnet "$policyc" check "$policy" >/dev/null; t1=$(now)
    dotnet "$policyc" build "$policy" -o "$out/p.dll" >/dev/null; t2=$(now)
    checks+=("$(echo "$t1 - $t0" | bc -l)"); builds+=("$(echo "$t2 - $t1" | bc -l)")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
  b=$(median "${builds[@]}"); c=$(median "${checks[@]}")
  bmin=$(printf '%s\n' "${builds[@]}" | sort -g | head -1)
  printf '%-44s %9.2fs %9.2fs %9.2fs %7.2fx\n' "$policy" "$b" "$bmin" "$c" "$(echo "$b / $c" | bc -l)"
done
