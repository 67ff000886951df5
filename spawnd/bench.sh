#!/usr/bin/env bash
# spawnd's figures. Deploy latency and resident memory are bin/bench's deploy suite (one way to get each figure):
#
#   spawnd/bench.sh [latency|memory|all] [--quick] [--out DIR]   (all three the same)
#                        = bin/bench --only deploy: spawnctl deploy next to docker run -d and docker-java create+start,
#                          spawnd's own share, spawnd RSS and heartbeat CPU with 0, 10, 50 services, the kill -9 drills
#   spawnd/bench.sh classlist
#                        writes spawnd/cds.classlist, the classes bin/spawnd archives (AppCDS): what a daemon loads
#                        idle and while deploying 10 services (MemoryBenchmark 0,10, -XX:DumpLoadedClassList, no archive)
#   spawnd/bench.sh nmt [counts] [settleSeconds]
#                        MemoryBenchmark --nmt: where spawnd's memory goes (Native Memory Tracking summary and threads
#                        by name at each step; NMT costs memory itself, so RSS figures come from bin/bench)
#
# nmt needs a running Docker engine with the image spawnpoint/debian:bookworm (.ci/ensure-docker builds it); it builds
# what it runs in this tree (mvn package) and takes the class path from the reactor's target directories, so nothing
# has to be installed in ~/.m2 first. spawnd runs through bin/spawnd (a private copy, with spawnd's jar
# and target/lib as `mvn package` makes them), so the figures are the shipped daemon's: its default JVM flags and
# environment. To try other flags instead of bin/spawnd's defaults: SPAWND_BENCH_JVM_FLAGS="..."; the environment
# (MALLOC_ARENA_MAX, JAVA_OPTS, ...) is passed on to bin/spawnd. Every container is labelled org.spawnpoint.instance=bench-<run>-<role>; the harness removes
# them when done or interrupted, and this script removes them again on exit, whatever happened to the JVM.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

case "${1:-}" in
  ""|--*) exec "$root/bin/bench" --only deploy "$@" ;;
  latency|memory|all) shift; exec "$root/bin/bench" --only deploy "$@" ;;
  nmt) shift; mode=nmt ;;
  classlist) shift; mode=classlist ;;
  *) echo "usage: spawnd/bench.sh [latency|memory|all] [--quick] [--out DIR] | spawnd/bench.sh nmt [counts] [settleSeconds]"
     echo "       spawnd/bench.sh classlist" >&2
     exit 2 ;;
esac

mvn_q() { mvn -q -B -o "$@" || mvn -q -B "$@"; }
# The reactor, not ~/.m2: dependency:build-classpath would resolve bosswave-wire and the other modules from the local
# repository ("Could not find artifact bosswave-wire") unless they had been installed. test-support's target/lib
# brings bosswave-wire and msgpack, bosswave-router's its own dependencies.
mvn_q -pl spawnd,test-support -am package -DskipTests
# A private copy of what runs: other builds in this tree may rebuild target/ while a benchmark runs. The daemon's
# copy has the repository's layout, so that the copied bin/spawnd finds its jar and target/lib as it would in place.
classes="$(mktemp -d "${TMPDIR:-/tmp}/spawnd-bench-classes.XXXXXX")"
cp=""
for part in spawnd/target/test-classes spawnd/target/classes spawnd/target/lib test-support/target/classes \
            test-support/target/lib bosswave-router/target/classes bosswave-router/target/lib \
            bosswave-client/target/classes spawnclient/target/classes; do
  [ -d "$part" ] || { echo "bench.sh: $part is missing after the build" >&2; exit 1; }
  mkdir -p "$classes/$(dirname "$part")"
  cp -r "$part" "$classes/$part"
  case "$part" in */lib) cp="$cp:$classes/$part/*" ;; *) cp="$cp:$classes/$part" ;; esac
done
cp="${cp#:}"
daemon="$classes/daemon"
mkdir -p "$daemon/spawnd/target"
cp -r bin "$daemon/bin"
cp spawnd/target/spawnd-*.jar "$daemon/spawnd/target/"
rm -f "$daemon"/spawnd/target/*-tests.jar "$daemon"/spawnd/target/*-sources.jar
cp -r spawnd/target/lib "$daemon/spawnd/target/lib"
cp spawnd/cds.classlist "$daemon/spawnd/"

run_id="$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')"
cleanup() {
  for role in memory; do
    ids=$(docker ps -aq --filter "label=org.spawnpoint.instance=bench-$run_id-$role" 2>/dev/null || true)
    if [ -n "$ids" ]; then
      echo "bench.sh: removing leftover containers of bench-$run_id-$role" >&2
      docker rm -f -v $ids >/dev/null || true
    fi
  done
}
trap 'cleanup; rm -rf "$classes"' EXIT

props=(-Dspawnd.bench.runId="$run_id" -Dspawnd.bench.launcher="$daemon/bin/spawnd")
if [ -n "${SPAWND_BENCH_JVM_FLAGS+x}" ]; then
  props+=(-Dspawnd.bench.jvmFlags="$SPAWND_BENCH_JVM_FLAGS")
fi
bench() { java "${props[@]}" -cp "$cp" "org.spawnpoint.spawnd.bench.$1" "${@:2}"; }

if [ "$mode" = classlist ]; then
  list="$classes/classlist"
  # Without an archive (SPAWND_CDS=0, -Xshare:off) every class the daemon loads is listed, the JDK's too. The
  # lambda and lambda-form lines name generated classes of this JDK build: left out, they are made at run time.
  JAVA_OPTS="-Xshare:off -XX:DumpLoadedClassList=$list" SPAWND_CDS=0 bench MemoryBenchmark 0,10 10
  grep -v -e '^#' -e '^@' "$list" > spawnd/cds.classlist
  echo "bench.sh: spawnd/cds.classlist: $(wc -l < spawnd/cds.classlist) classes" >&2
else
  bench MemoryBenchmark "$@" --nmt
fi
