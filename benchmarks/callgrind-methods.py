#!/usr/bin/env python3
"""Instructions per .NET method from a callgrind profile, or per operation between two profiles.

Run the benchmark under callgrind with the runtime's perf map on, for example:

    DOTNET_PerfMapEnabled=1 DOTNET_TieredCompilation=0 DOTNET_EnableWriteXorExecute=0 \
      valgrind --tool=callgrind --callgrind-out-file=genorm.%p \
      benchmarks/GenOrm.Benchmarks/bin/Release/net10.0/GenOrm.Benchmarks \
      --instructions-postgres --only GetByEmail --side genorm --calls 40

(and the same with --side baseline). Callgrind knows no names for jitted code; the runtime writes them, with each
method's address range, to /tmp/perf-PID.map. Then:

    benchmarks/callgrind-methods.py genorm.PID /tmp/perf-PID.map                  # the 60 costliest methods
    benchmarks/callgrind-methods.py genorm.PID /tmp/perf-PID.map baseline.QID /tmp/perf-QID.map 40000
                                                # what each method costs more (or less) per operation, genorm - baseline

The cost is the method's own instructions (not those of what it calls). Code that neither names (the runtime's native
code, ReadyToRun framework code) shows as addresses; its load address differs between processes, so such rows come in
pairs of opposite sign in a difference, and are left out of it.
"""
import bisect
import collections
import re
import sys


def methods(path):
    ranges = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split(" ", 2)
            if len(parts) == 3:
                ranges.append((int(parts[0], 16), int(parts[1], 16), re.sub(r"\[[A-Za-z0-9]+\]$", "", parts[2])))
    ranges.sort()
    return [r[0] for r in ranges], ranges


def self_costs(profile, perf_map):
    starts, ranges = methods(perf_map)

    def name_of(fn):
        m = re.match(r"0x([0-9a-fA-F]+)", fn)
        if not m:
            return fn
        address = int(m.group(1), 16)
        i = bisect.bisect_right(starts, address) - 1
        return ranges[i][2] if i >= 0 and address < ranges[i][0] + ranges[i][1] else "?" + fn

    names, cost, current, after_call = {}, collections.Counter(), None, False

    def resolve(spec):
        m = re.match(r"\((\d+)\)(?: (.*))?", spec)
        if not m:
            return spec
        if m.group(2):
            names[m.group(1)] = m.group(2)
        return names.get(m.group(1), spec)

    with open(profile) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("fn="):
                current = name_of(resolve(line[3:]))
            elif line.startswith("cfn="):
                resolve(line[4:])
            elif line.startswith("calls="):
                after_call = True  # the next cost line is the call's inclusive cost, not the caller's own
            elif line[:1].isdigit() or line[:1] in "+-*":
                if after_call:
                    after_call = False
                elif current is not None:
                    parts = line.split()
                    if len(parts) >= 2:
                        cost[current] += int(parts[1])
    return cost


def main(args):
    if len(args) == 2:
        cost = self_costs(*args)
        total = sum(cost.values())
        print(f"{total:,} instructions")
        for name, c in cost.most_common(60):
            print(f"{c:>15,} {c * 100 / total:5.1f}%  {name}")
    elif len(args) == 5:
        a, b, ops = self_costs(args[0], args[1]), self_costs(args[2], args[3]), float(args[4])
        print(f"{(sum(a.values()) - sum(b.values())) / ops:,.0f} instructions per operation in all, first - second")
        diffs = sorted(((a[k] - b[k]) / ops, k) for k in set(a) | set(b) if not k.startswith("?"))
        for d, k in [x for x in diffs[::-1] if x[0] >= 20][:40] + [x for x in diffs if x[0] <= -20][:20]:
            print(f"{d:>10,.0f}  {k}")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
