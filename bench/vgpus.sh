#!/usr/bin/env bash
# In-process vGPU benchmark (io.libvfio.runtime.vgpu.VgpusBenchmark): on the largest generated host
# (8 NVIDIA PFs x 250 VFs, 2,008 PCI functions, fake kernel), create and bind 16 vGPUs and destroy
# them again through VgpuService, median of 7 runs after 2 warm-up runs, against a baseline taken
# in the same run (the same kernel writes replayed directly). Target: under 1 second.
# Runs java directly on the compiled classes and the jars in ~/.m2 (no plug-in to resolve offline).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -o -pl runtime -am test-compile
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
version() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" pom.xml | head -1; }
classpath="api/target/classes:api/target/test-classes:runtime/target/classes:runtime/target/test-classes"
classpath+=":$repo/com/fasterxml/jackson/core/jackson-core/$(version jackson.version)/jackson-core-$(version jackson.version).jar"
classpath+=":$repo/org/apache/commons/commons-exec/$(version commons-exec.version)/commons-exec-$(version commons-exec.version).jar"
classpath+=":$repo/net/java/dev/jna/jna/$(version jna.version)/jna-$(version jna.version).jar"
classpath+=":$repo/org/yaml/snakeyaml/$(version snakeyaml.version)/snakeyaml-$(version snakeyaml.version).jar"
exec java -cp "$classpath" io.libvfio.runtime.vgpu.VgpusBenchmark
