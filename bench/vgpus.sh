#!/usr/bin/env bash
# In-process vGPU benchmarks on the largest generated host (8 NVIDIA PFs x 250 VFs, 2,008 PCI
# functions, fake kernel), each the median of 7 runs after 2 warm-up runs against a baseline taken
# in the same run (the same kernel writes replayed directly). Target: under 1 second.
#  1. io.libvfio.runtime.vgpu.VgpusBenchmark: 16 VF vGPUs created and bound to vfio-pci through
#     VgpuService with a minimal test backend (the binding path), and destroyed.
#  2. io.libvfio.cli.NvidiaVgpusBenchmark: 16 vendor-VFIO vGPUs through VgpuService with the real
#     backends (nvidia-gvm), and destroyed.
# Runs java directly on the compiled classes and the jars in ~/.m2 (no plug-in to resolve offline).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl cli -am test-compile
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
version() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" pom.xml | head -1; }
jars=":$repo/com/fasterxml/jackson/core/jackson-core/$(version jackson.version)/jackson-core-$(version jackson.version).jar"
jars+=":$repo/org/apache/commons/commons-exec/$(version commons-exec.version)/commons-exec-$(version commons-exec.version).jar"
jars+=":$repo/net/java/dev/jna/jna/$(version jna.version)/jna-$(version jna.version).jar"
jars+=":$repo/org/yaml/snakeyaml/$(version snakeyaml.version)/snakeyaml-$(version snakeyaml.version).jar"
jars+=":$repo/org/slf4j/slf4j-api/$(version slf4j.version)/slf4j-api-$(version slf4j.version).jar"
runtime="api/target/classes:api/target/test-classes:runtime/target/classes"
# Both runs always report; the script fails when either misses the target.
status=0
echo "load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) CPUs)"
java -cp "$runtime:runtime/target/test-classes$jars" io.libvfio.runtime.vgpu.VgpusBenchmark || status=1
backends="backend-nvidia-gvm/target/classes:backend-intel-gvtg/target/classes:backend-intel-sriov/target/classes:backend-amd-gim/target/classes"
java -cp "$runtime:$backends:cli/target/classes:cli/target/test-classes$jars" io.libvfio.cli.NvidiaVgpusBenchmark || status=1
echo "load average after the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
