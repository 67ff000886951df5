#!/usr/bin/env bash
# Cold-start benchmark of bin/spawnctl (see StartupBench). Usage: spawnctl/bench.sh [runs]
# Needs 'mvn -DskipTests install' (and the test classes: 'mvn -pl spawnctl test-compile').
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec java -cp "$root/spawnctl/target/test-classes:$root/spawnctl/target/classes:$root/spawnctl/target/lib/*" \
  org.spawnpoint.spawnctl.bench.StartupBench "$root" "${1:-15}"
