#!/usr/bin/env bash
# In-process create/destroy benchmark of the nvidia-gvm backend: 16 vendor-VFIO vGPUs created and
# destroyed on the largest generated host (2,008 PCI functions) over the fake kernel, median of 15
# runs after 5 warm-up runs, against the same writes made straight to the fake kernel in the same
# run. Target: a round under 1 s.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -Pbench-nvidia -pl backend-nvidia-gvm -am verify -DskipTests
