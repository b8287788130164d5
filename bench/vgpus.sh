#!/usr/bin/env bash
# In-process vGPU benchmark: on the largest generated host (8 NVIDIA PFs x 250 VFs, 2,008 PCI
# functions, fake kernel), create and bind 16 vGPUs and destroy them again through VgpuService,
# median of 11 runs after 3 warm-up runs, against a baseline taken in the same run (the same kernel
# writes replayed directly). Target: under 1 second.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -Pbench-vgpus -pl runtime -am verify -DskipTests
