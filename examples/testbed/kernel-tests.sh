#!/usr/bin/env bash
# kernel-tests.sh - runs libvfio's @Tag("kernel") JUnit suite inside the test bed's guest: a real
# Linux kernel with IOMMU groups, SR-IOV VFs, vfio-pci and the mtty/mdpy/mbochs mdev samples.
#
#   examples/testbed/kernel-tests.sh [JUNIT_OPTION...]
#
# The tests are compiled on the host (mvn -o package -DskipTests of runtime, the CLI and the sample
# plug-in, whose real-kernel test runs cli/target/libvfio with the plug-in's jar), and only run in
# the guest, in one boot, with the JUnit console launcher (Maven alone needs ~60 s to start under
# TCG). JUNIT_OPTION defaults to selecting every kernel-tagged class of runtime's and the sample
# plug-in's tests (io.libvfio.runtime.kernel, io.libvfio.sample.mbochs), e.g.
# '--select-class io.libvfio.runtime.kernel.MdevOnRealKernelTest' runs one class.
# Reports (XML) come back in runtime/target/kernel-reports/, the launcher's output in
# runtime/target/kernel-reports/output.txt.
#
# Environment: TESTBED_JUNIT (console launcher version, default 1.11.3, matching JUnit 5.11.3;
# fetched once from Maven Central, then offline), MVN_FLAGS (default -o: offline).
# Exit code: the launcher's (0 all passed, 1 failures or no tests), or testbed.sh's 124/125.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
testbed=$here/testbed.sh
junit=${TESTBED_JUNIT:-1.11.3}
read -r -a mvn_flags <<< "${MVN_FLAGS:--o}"
sample=examples/sample-mdev-backend
(($#)) || set -- --scan-classpath "runtime/target/test-classes:$sample/target/test-classes" \
  --include-package io.libvfio.runtime.kernel --include-package io.libvfio.sample.mbochs --include-tag kernel

t0=$SECONDS
bash "$testbed" prepare

cd "$repo"
# package, not only test-compile: the plug-in tests run the real command (cli/target/libvfio) with the
# sample plug-in's jar; -DskipTests still compiles the tests.
mvn -B -q "${mvn_flags[@]}" -Dstyle.color=never -DskipTests -pl runtime,cli,$sample -am package dependency:build-classpath \
  -Dmdep.outputFile=target/testbed-classpath.txt -Dmdep.includeScope=test >&2
tools=runtime/target/testbed-tools
launcher=$tools/junit-platform-console-standalone-$junit.jar
if [[ ! -f $launcher ]]; then
  # Not in the local repository yet: fetch it once (online even when MVN_FLAGS says -o).
  mvn -B -q -N -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" -DoutputDirectory="$tools" >&2
fi
classpath="runtime/target/test-classes:runtime/target/classes:$(cat runtime/target/testbed-classpath.txt)"
classpath+=":$sample/target/test-classes:$(cat $sample/target/testbed-classpath.txt)"
reports=runtime/target/kernel-reports
rm -rf "$reports"; mkdir -p "$reports"
echo "compiled in $((SECONDS - t0))s; booting the test bed" >&2

# In the guest: load what the suite uses, then run the launcher on the host's java. runtime/target
# is writable there, so the reports come back; everything else the guest writes is thrown away.
guest_script=$(printf 'modprobe -a vfio-pci nvme ahci mtty mdpy mbochs && exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar %q execute --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests --class-path %q --reports-dir %q' \
  "$launcher" "$classpath" "$reports")
for option in "$@"; do guest_script+=" $(printf '%q' "$option")"; done
rc=0
bash "$testbed" run -w runtime/target -C "$repo" -t 540 -- "$guest_script" | tee "$reports/output.txt" || rc=$?
echo "kernel suite finished with exit code $rc after $((SECONDS - t0))s (reports: $reports)" >&2
exit "$rc"
