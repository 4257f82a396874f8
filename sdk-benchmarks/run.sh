#!/usr/bin/env bash
# Builds and runs the JMH suite, then prints the results table (docs/performance.md).
#   sdk-benchmarks/run.sh quick   # a few minutes on 2 cores: short warm-up, the default transport and the baselines
#   sdk-benchmarks/run.sh full    # every transport, forks, warm-up and measurement from each class's annotations:
#                                 # 1 fork (5 for getItem, createItem), 4 x 5 s warm-up, 5 x 5 s measured; with 64 callers 5 forks,
#                                 # 10 s on one caller, 5 x 5 s warm-up, 5 x 3 s measured (about 90 min on 2 cores)
#   sdk-benchmarks/run.sh quick 'GetItem'   # only benchmarks matching a regex
#   RUNS=8 sdk-benchmarks/run.sh full '\.CreateItemBenchmark\.(sdkApache|rawApache)$' -f 5 -i 3 -r 3
#                                 # 8 JMH runs one after another, pooled fork by fork (docs/performance.md);
#                                 # arguments after the regex go to JMH
#   sdk-benchmarks/run.sh cold [rounds] [http|https]
#                                 # cold start as whole processes (ColdStart): from main to the first decoded
#                                 # response, client construction plus one getItem, then plus one searchChats;
#                                 # the SDK against raw Apache HttpClient 5 + Jackson and raw JDK HttpClient + Jackson,
#                                 # one process per variant per round (default 20 rounds, https); prints medians
#                                 # and the SDK's paired ratios to sdk-benchmarks/target/results-cold.txt
# Results go to sdk-benchmarks/target/results-<mode>[-<run>].json and results-<mode>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
filter="${2:-}"
shift $(( $# < 2 ? $# : 2 ))
runs="${RUNS:-1}"
./mvnw -q -B -DskipTests -pl sdk-benchmarks -am package
jar=sdk-benchmarks/target/benchmarks.jar
# A KVM guest booted with guest halt polling off (haltpoll.guest_halt_poll_ns=0) halts an idle vCPU
# to the host at once, and waking it costs more than the clients' whole work on a small call
# (docs/performance.md, "The VM's idle wake-ups"). Say so rather than change the machine.
poll=/sys/module/haltpoll/parameters/guest_halt_poll_ns
if [[ -r $poll && "$(cat "$poll")" == 0 ]]; then
  echo "warning: guest halt polling is off ($poll = 0): small-call times will mostly measure the VM waking" >&2
  echo "         its vCPUs. As root, 'echo 200000 > $poll' restores the kernel's default for the run." >&2
fi
out=sdk-benchmarks/target/results-$mode
if [[ $mode == cold ]]; then
  rounds="${filter:-20}"
  scheme="${1:-https}"
  for call in getItem searchChats; do
    java -cp "$jar" com.serviceform.sdk.benchmarks.ColdStart "$rounds" "$call" "$scheme"
    echo
  done | tee "$out.txt"
  exit 0
fi
case "$mode" in
  quick)
    pattern="${filter:-.*Benchmark\.(sdkApache|rawJdk|rawOkHttp|rawApache|resilienceOn|resilienceOff)$}"
    opts=(-f 1 -wi 3 -w 3s -i 3 -r 3s)
    ;;
  full)
    pattern="${filter:-.*Benchmark\..*}"
    opts=()
    ;;
  *)
    echo "usage: [RUNS=n] $0 quick|full [regex [jmh options...]] | $0 cold [rounds] [http|https]" >&2
    exit 2
    ;;
esac
files=()
for (( run = 1; run <= runs; run++ )); do
  file=$out.json
  if (( runs > 1 )); then
    file=$out-$run.json
    echo "run $run of $runs" >&2
  fi
  java -jar "$jar" "$pattern" "${opts[@]}" "$@" -prof gc -prof com.serviceform.sdk.benchmarks.CpuTimeProfiler -rf json -rff "$file" | tee "${file%.json}.log" | grep -E '^(#|Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
  files+=("$file")
done
java -cp "$jar" com.serviceform.sdk.benchmarks.ResultsTable "${files[@]}" | tee "$out.txt"
