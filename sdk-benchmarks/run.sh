#!/usr/bin/env bash
# Builds and runs the JMH suite, then prints the results table (docs/performance.md).
#   sdk-benchmarks/run.sh quick   # a few minutes on 2 cores: short warm-up, the default transport and the baselines
#   sdk-benchmarks/run.sh full    # every transport, forks, warm-up and measurement from each class's annotations:
#                                 # 1 fork (3 for getItem, createItem), 4 x 5 s warm-up, 5 x 5 s measured; with 64 callers 3 forks,
#                                 # 10 x 5 s warm-up, 5 x 3 s measured (about 65 min on 2 cores)
#   sdk-benchmarks/run.sh quick 'GetItem'   # only benchmarks matching a regex
# Results go to sdk-benchmarks/target/results-<mode>.json and .txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-quick}"
filter="${2:-}"
./mvnw -q -B -DskipTests -pl sdk-benchmarks -am package
jar=sdk-benchmarks/target/benchmarks.jar
out=sdk-benchmarks/target/results-$mode
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
    echo "usage: $0 quick|full [regex]" >&2
    exit 2
    ;;
esac
java -jar "$jar" "$pattern" "${opts[@]}" -prof gc -prof com.serviceform.sdk.benchmarks.CpuTimeProfiler -rf json -rff "$out.json" | tee "$out.log" | grep -E '^(#|Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
java -cp "$jar" com.serviceform.sdk.benchmarks.ResultsTable "$out.json" | tee "$out.txt"
