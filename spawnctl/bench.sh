#!/usr/bin/env bash
# spawnctl's cold start. The figures of the results table (`spawnctl --version` and `scan` cold, next to the JVM's
# floor) are bin/bench's startup suite (one way to get each figure):
#
#   spawnctl/bench.sh [--quick] [--out DIR]   = bin/bench --only startup
#   spawnctl/bench.sh detail [runs]           StartupBench: what bin/bench does not measure: `spawnctl --help` and
#                                             `scan` against a scripted agent holding 0, 1 and 100 spawnpoints, each
#                                             with and without the class-data archive (SPAWNCTL_CDS), wall and CPU time
#
# detail needs 'mvn -DskipTests install' and the test classes ('mvn -pl spawnctl test-compile').
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" = detail ]; then
  exec java -cp "$root/spawnctl/target/test-classes:$root/spawnctl/target/classes:$root/spawnctl/target/lib/*" \
    org.spawnpoint.spawnctl.bench.StartupBench "$root" "${2:-15}"
fi
case "${1:-}" in
  ""|--*) exec "$root/bin/bench" --only startup "$@" ;;
  *) echo "usage: spawnctl/bench.sh [--quick] [--out DIR] | spawnctl/bench.sh detail [runs]" >&2; exit 2 ;;
esac
