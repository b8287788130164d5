#!/usr/bin/env bash
# In-process discovery benchmark: generated hosts of 256 to 2,008 PCI functions, median of 15
# runs after 5 warm-up runs each. Target: the 2,008-function host under 100 ms, and a
# per-function cost that does not grow with the count (largest / smallest <= 1.5).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench -pl runtime -am verify -DskipTests
