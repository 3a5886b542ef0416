#!/usr/bin/env bash
# The client's instructions per operation on PostgreSQL, GenOrm against the hand-written Npgsql baseline, counted by
# valgrind (callgrind): a figure that does not depend on how busy the machine is, unlike time on a shared 2-core VM
# where the server shares the client's cores. Each side of each workload runs twice, with FROM calls and with
# FROM + EXTRA calls (same warm-up, same server set-up); the difference of the two counts, over the operations between
# them, is one operation's cost. The server (started by the benchmark, outside valgrind) is not counted: both sides
# send it the same statements. The JIT compiles everything fully optimized at once (DOTNET_TieredCompilation=0), so no
# method is recompiled between the two runs; the GC runs on the allocating thread only (no background GC) with a fixed
# first-generation budget, so that it does the same work in every run. Two runs of the same count differ by about
# 3 million instructions in all (the server's start), well under 0.1% of what the calls between them count.
# Usage: benchmarks/postgres-instructions.sh [NAME ...]   (names as --only takes them; all six by default)
# Needs valgrind and PostgreSQL's binaries. About a minute per run, four runs per workload.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build benchmarks/GenOrm.Benchmarks -c Release -v quiet -nologo > /dev/null
bench=benchmarks/GenOrm.Benchmarks/bin/Release/net10.0/GenOrm.Benchmarks

# name | operations per call | calls added in the second run (about a billion instructions)
workloads=(
  "GetAll|1|40"
  "GetByEmail|1000|40"
  "Request (per|1000|40"
  "Request + Commit|1000|40"
  "typed|1|1000"
  "[Query]|1|1000"
)
from=20

count() { # name side calls -> the client's instruction count
  DOTNET_TieredCompilation=0 DOTNET_gcConcurrent=0 DOTNET_GCgen0size=0x10000000 DOTNET_EnableWriteXorExecute=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$bench" --instructions-postgres --only "$1" --side "$2" --calls "$3" 2>&1 \
    | sed -n 's/^==[0-9]*== Collected : \([0-9]*\)$/\1/p'
}

echo "| workload | instructions per operation, Npgsql | GenOrm | GenOrm / Npgsql |"
echo "|---|---:|---:|---:|"
for entry in "${workloads[@]}"; do
  IFS='|' read -r name ops extra <<< "$entry"
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qxF -- "$name"; then continue; fi
  per_op=()
  for side in baseline genorm; do
    low=$(count "$name" "$side" "$from")
    high=$(count "$name" "$side" $((from + extra)))
    per_op+=("$(( (high - low) / (extra * ops) ))")
  done
  ratio=$(awk -v a="${per_op[0]}" -v b="${per_op[1]}" 'BEGIN { printf "%.3f", b / a }')
  echo "| $name | ${per_op[0]} | ${per_op[1]} | $ratio |"
done
