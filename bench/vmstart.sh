#!/usr/bin/env bash
# VM start benchmark: median time from `libvfio start --disable-gpu tiny.yaml` to QMP
# 'running' against the same QEMU argv (taken from `start --dry-run --json`) started directly
# and polled over QMP, and against the floor of any JVM front-end (bench/QmpFloor.java: a
# trivial class that starts the argv with ProcessBuilder and polls QMP), alternately in one run
# (bench/vmstart.py does the timing).
#
# usage: bench/vmstart.sh [RUNS]        (default 9; at least 5)
# Needs the distribution (mvn -q -DskipTests package), qemu-system-x86_64 and python3.
# Exits 1 when the ratio is above 1.1 (the target of the VM lifecycle issue).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
((runs >= 5)) || { echo "RUNS must be at least 5" >&2; exit 2; }
launcher=$PWD/cli/target/libvfio/bin/libvfio
[ -x "$launcher" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 2; }
command -v qemu-system-x86_64 > /dev/null || { echo "qemu-system-x86_64 is not installed" >&2; exit 2; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/floor"
"${java}c" -d "$work/floor" bench/QmpFloor.java
"${java%java}jar" cf "$work/floor/floor.jar" -C "$work/floor" QmpFloor.class   # CDS archives classes from jars only
mkdir -p "$work/root/sys/bus/pci/devices"
# The tiny VM: BIOS firmware, 128 MiB, one vCPU, no disk, no network, no display, TCG.
cat > "$work/tiny.yaml" <<'YAML'
libvfio: 1
name: tiny
memory: 128
cpus: 1
accelerator: tcg
firmware: bios
hugepages: off
network: {mode: none}
spice: off
vnc: off
audio: none
headless: true
vsock: off
YAML
python3 bench/vmstart.py "$launcher" "$work/root" "$work/tiny.yaml" "$runs" "$java" "$work/floor"
