#!/usr/bin/env bash
# Runs one benchmark outside the test suite and prints its figures (heap: BENCH_JAVA_OPTS, default 1 GB fixed:
# with a smaller young generation, collections every ~150 ms show in the latency tail).
#   bench/run.sh AvailabilityBenchmark | RoutingBenchmark [name regex] | CalendarParseBenchmark   (JMH / micro)
#   bench/run.sh BoundaryLoad [users] | AvailabilityTableLoad [users] | RoutingLoad [agents] [seconds] | RoutingScaleLoad [posts] | ControlLoad [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?benchmark name}"; shift || true
./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test \
  >/dev/null 2>&1 || ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-cp.txt)"
case "$name" in
  AvailabilityBenchmark) main=dev.rota.availability.AvailabilityBenchmark ;;
  RoutingBenchmark) main=dev.rota.routing.RoutingBenchmark ;;
  CalendarParseBenchmark) main=dev.rota.calendar.CalendarParseBenchmark ;;
  *) main="dev.rota.bench.$name" ;;
esac
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g} -cp "$cp" "$main" "$@"
