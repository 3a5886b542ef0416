#!/usr/bin/env bash
# Cold start of GenOrm: a fresh process opens a 10,000-row SQLite file and runs one GetByEmail.
# Publishes benchmarks/GenOrm.ColdStart as a JIT (framework-dependent) and a NativeAOT build, then times RUNS whole
# processes of each (and of the same lookup in hand-written Microsoft.Data.Sqlite), printing median/min/max wall time
# and the AOT binary's size.  Usage: benchmarks/cold-start.sh   (RUNS=30 OUT=/tmp/genorm-coldstart by default)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-/tmp/genorm-coldstart}"
runs="${RUNS:-30}"
rm -rf "$out"
dotnet publish benchmarks/GenOrm.ColdStart -c Release -o "$out/jit" -v quiet -nologo
dotnet publish benchmarks/GenOrm.ColdStart -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" -v quiet -nologo
db="$out/cold.db"
"$out/jit/GenOrm.ColdStart" "$db" --create

measure() {
  # Runs the command $runs times after one untimed run (which warms the OS file cache), prints median/min/max in ms.
  "$@" > /dev/null
  for _ in $(seq "$runs"); do
    start=$(date +%s%N); "$@" > /dev/null; end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done | sort -n | awk '{ t[NR] = $1 } END { printf "median %.1f ms   min %.1f ms   max %.1f ms   (%d runs)\n", t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, NR }'
}

echo "JIT  GenOrm GetByEmail:        $(measure "$out/jit/GenOrm.ColdStart" "$db")"
echo "AOT  GenOrm GetByEmail:        $(measure "$out/aot/GenOrm.ColdStart" "$db")"
echo "JIT  hand-written ADO.NET:     $(measure "$out/jit/GenOrm.ColdStart" "$db" --ado)"
echo "AOT  hand-written ADO.NET:     $(measure "$out/aot/GenOrm.ColdStart" "$db" --ado)"
echo "AOT binary: $(stat -c %s "$out/aot/GenOrm.ColdStart") bytes; native SQLite beside it: $(stat -c %s "$out"/aot/libe_sqlite3.so) bytes"
echo "JIT folder (framework-dependent): $(du -sb "$out/jit" | cut -f1) bytes"
