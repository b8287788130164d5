package io.libvfio.runtime.doctor;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.libvfio.runtime.doctor.DoctorHosts.find;
import static org.assertj.core.api.Assertions.assertThat;

/** An unreadable part of sysfs makes the checks that need it "unknown", with the reason; doctor goes on. */
final class UnreadableHostTest
{
    @TempDir
    Path root;

    private DoctorReport doctorWithUnreadable(String prefix)
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        VfioException denied = new VfioException(StandardErrorCode.ACCESS_DENIED, "cannot read %s: permission denied".formatted(prefix));
        VfioRuntime runtime = DoctorHosts.assembly(host.root(), fs -> DoctorHosts.unreadable(fs, prefix, denied), new StubBackend("stub")).runtime();
        return new Doctor(runtime).run();
    }

    @Test
    void unreadableIommuGroupsAreUnknown()
    {
        DoctorReport report = doctorWithUnreadable("/sys/kernel/iommu_groups");

        assertThat(find(report.checks(), "iommu.groups")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.UNKNOWN, "cannot read /sys/kernel/iommu_groups: permission denied");
        assertThat(find(report.checks(), "cpu.virtualization").status()).isEqualTo(CheckStatus.PASS);
        assertThat(find(report.checks(), "kvm").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void unreadableModulesAreUnknown()
    {
        DoctorReport report = doctorWithUnreadable("/sys/module");

        assertThat(find(report.checks(), "module")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.UNKNOWN, "cannot read /sys/module: permission denied");
        assertThat(find(report.checks(), "iommu.groups").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void anUnreadablePciBusLeavesEveryGpuFindingUnknownAndTheHostNotReady()
    {
        DoctorReport report = doctorWithUnreadable("/sys/bus/pci");

        List<Check> checks = report.checks();
        assertThat(find(checks, "gpu")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.UNKNOWN, "cannot read /sys/bus/pci: permission denied");
        assertThat(find(checks, "slices").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(find(checks, "cpu.virtualization").status()).isEqualTo(CheckStatus.PASS);
        assertThat(find(checks, "tool.qemu").status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.ready()).isFalse();
    }
}
