#!/usr/bin/env bash
# ci.sh - the real-kernel step of .ci/run: installs what the test bed needs, prepares it (cached
# in /var/cache/libvfio-testbed between runs on one machine), runs the @Tag("kernel") suite in
# one boot, and fails loudly when the test bed cannot run or the suite did not really run.
#
#   examples/testbed/ci.sh
#
# Runs as root on Debian 12, after 'mvn verify' (the modules are compiled, Maven Central is
# reachable). Budget: at most 5 minutes on a fresh machine; ~45 s with a warm cache.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
reports=$repo/runtime/target/kernel-reports
t0=$SECONDS

fail() {
  printf '\n%s\n' "##########################################################################" >&2
  printf 'libvfio real-kernel suite FAILED: %s\n' "$*" >&2
  printf '%s\n\n' "##########################################################################" >&2
  exit 1
}

# 1. host packages (QEMU, busybox, kmod, cpio, a compiler for the mdev samples)
missing=()
for package in qemu-system-x86 busybox-static kmod cpio xz-utils zstd make gcc-12 libc6-dev; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "testbed: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  bash "$here/testbed.sh" deps
else
  # prepare downloads the kernel packages with apt-get download: it needs package lists
  compgen -G '/var/lib/apt/lists/*_Packages' > /dev/null || apt-get update -q >&2
fi
command -v qemu-system-x86_64 > /dev/null || fail "qemu-system-x86_64 is not installed"
echo "testbed: packages ready after $((SECONDS - t0))s" >&2

# 2. kernel, headers, mdev samples, initramfs (cached)
t1=$SECONDS
bash "$here/testbed.sh" prepare || fail "the test bed could not be prepared (kernel packages, mdev samples)"
echo "testbed: prepared in $((SECONDS - t1))s" >&2

# 3. the suite, in one boot; Maven may go online for the dependency plugin and the JUnit launcher
t2=$SECONDS
rc=0
MVN_FLAGS=${MVN_FLAGS:--ntp} bash "$here/kernel-tests.sh" || rc=$?
echo "testbed: kernel suite took $((SECONDS - t2))s (exit code $rc)" >&2
case $rc in
  0) ;;
  124) fail "the test bed's VM timed out (QEMU under TCG too slow, or the guest hung); see the console log above" ;;
  125) fail "QEMU could not boot the test bed's kernel here; see the console log above" ;;
  *) fail "kernel tests failed (exit code $rc); reports in $reports" ;;
esac

# 4. the suite really ran: tests counted, none skipped (a skip means the guest was not detected)
report=$reports/TEST-junit-jupiter.xml
[[ -f $report ]] || fail "no JUnit report at $report"
tests=$(grep -o -m1 'tests="[0-9]*"' "$report" | tr -dc '0-9')
skipped=$(grep -o -m1 'skipped="[0-9]*"' "$report" | tr -dc '0-9')
((tests > 0)) || fail "no kernel test ran"
((skipped == 0)) || fail "$skipped kernel tests were skipped inside the test bed"
echo "testbed: $tests real-kernel tests passed; step took $((SECONDS - t0))s" >&2
# The plain closing line CI reads.
echo "kernel: $tests passed, 0 failed"
