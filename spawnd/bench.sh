#!/usr/bin/env bash
# spawnd benchmark harnesses against the real Docker engine (they print figures; nothing is asserted).
#
#   spawnd/bench.sh                      both, with defaults
#   spawnd/bench.sh latency [runs] [warmup] [--in-process]
#                                        DeployLatencyBenchmark: deploy over BOSSWAVE vs docker-java create+start
#   spawnd/bench.sh memory [counts] [settleSeconds] [--nmt]
#                                        MemoryBenchmark: spawnd's VmRSS with e.g. 0,10,50 services
#
# Needs a running Docker engine with the image spawnpoint/debian:bookworm (.ci/ensure-docker builds it) and the
# modules installed once: mvn -B -DskipTests install. spawnd's JVM flags can be overridden with
# SPAWND_BENCH_JVM_FLAGS="..." (default: SpawndProcess.SMALL_FOOTPRINT_FLAGS); the environment (MALLOC_ARENA_MAX, ...)
# is passed on to spawnd. Every container is labelled org.spawnpoint.instance=bench-<run>-<role>; the harness removes
# them when done or interrupted, and this script removes them again on exit, whatever happened to the JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

mvn_q() { mvn -q -B -o "$@" || mvn -q -B "$@"; }
mvn_q -pl spawnd test-compile
cp_file="$root/spawnd/target/bench.classpath"
mvn_q -pl spawnd dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file"
runtime_cp_file="$root/spawnd/target/bench-runtime.classpath"
mvn_q -pl spawnd dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$runtime_cp_file"
# A private copy of the compiled classes: other builds in this tree may recompile target/ while a benchmark runs.
classes="$(mktemp -d "${TMPDIR:-/tmp}/spawnd-bench-classes.XXXXXX")"
cp -r spawnd/target/test-classes "$classes/test-classes"
cp -r spawnd/target/classes "$classes/classes"
cp="$classes/test-classes:$classes/classes:$(cat "$cp_file")"

run_id="$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
  for role in latency baseline memory; do
    ids=$(docker ps -aq --filter "label=org.spawnpoint.instance=bench-$run_id-$role" 2>/dev/null || true)
    if [ -n "$ids" ]; then
      echo "bench.sh: removing leftover containers of bench-$run_id-$role" >&2
      docker rm -f -v $ids >/dev/null || true
    fi
  done
}
trap 'cleanup; rm -rf "$classes"' EXIT

# spawnd itself runs on its runtime classpath only, as bin/spawnd runs it (no test jars).
props=(-Dspawnd.bench.runId="$run_id" -Dspawnd.bench.daemonClasspath="$classes/classes:$(cat "$runtime_cp_file")")
if [ -n "${SPAWND_BENCH_JVM_FLAGS+x}" ]; then
  props+=(-Dspawnd.bench.jvmFlags="$SPAWND_BENCH_JVM_FLAGS")
fi
bench() { java "${props[@]}" -cp "$cp" "org.spawnpoint.spawnd.bench.$1" "${@:2}"; }

what="${1:-all}"
[ $# -gt 0 ] && shift
case "$what" in
  latency) bench DeployLatencyBenchmark "$@" ;;
  memory)  bench MemoryBenchmark "$@" ;;
  all)     bench DeployLatencyBenchmark; echo; bench MemoryBenchmark ;;
  *) echo "usage: spawnd/bench.sh [latency [runs] [warmup] [--in-process] | memory [counts] [settleSeconds] [--nmt] | all]" >&2
     exit 2 ;;
esac
