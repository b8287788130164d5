package io.libvfio.testkit;

import io.libvfio.api.Errno;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class KernelPrimitivesTest
{
    @Test
    void kstrtoulTakesBasePrefixesAndOneTrailingNewline()
    {
        assertThat(KernelStrings.unsigned("16\n", 0, 0xffff)).isEqualTo(16);
        assertThat(KernelStrings.unsigned("0x10", 0, 0xffff)).isEqualTo(16);
        assertThat(KernelStrings.unsigned("010", 0, 0xffff)).isEqualTo(8);
        assertThat(KernelStrings.unsigned("+7", 0, 0xffff)).isEqualTo(7);
        assertRefused(() -> KernelStrings.unsigned("16\n\n", 0, 0xffff), Errno.EINVAL);
        assertRefused(() -> KernelStrings.unsigned("08", 0, 0xffff), Errno.EINVAL);
        assertRefused(() -> KernelStrings.unsigned("0x", 0, 0xffff), Errno.EINVAL);
        assertRefused(() -> KernelStrings.unsigned("65536", 0, 0xffff), Errno.ERANGE);
    }

    @Test
    void kstrtolIsDecimalWithASign()
    {
        assertThat(KernelStrings.signedDecimal("-12\n")).isEqualTo(-12);
        assertRefused(() -> KernelStrings.signedDecimal("0x1"), Errno.EINVAL);
        assertRefused(() -> KernelStrings.signedDecimal("9223372036854775808"), Errno.ERANGE);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Errno errno)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(WriteRefused.class, refused -> assertThat(refused.errno()).isEqualTo(errno));
    }

    @Test
    void modesComeFromTheAttributesNameAndPlace()
    {
        assertThat(AttributeModes.of("sys/bus/pci/drivers/vfio-pci/uevent")).isEqualTo(AttributeModes.Mode.WRITE_ONLY);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:00:02.0/uevent")).isEqualTo(AttributeModes.Mode.READ_WRITE);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:00:02.0/sriov_vf_device")).isEqualTo(AttributeModes.Mode.READ_ONLY);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:00:02.0/sriov_numvfs")).isEqualTo(AttributeModes.Mode.READ_WRITE);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:00:02.0/drm/card0/prelim_iov/vf1/control")).isEqualTo(AttributeModes.Mode.WRITE_ONLY);
        assertThat(AttributeModes.of("sys/kernel/debug/dri/0/gt0/vf1/control")).isEqualTo(AttributeModes.Mode.READ_WRITE);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:03:00.0/sriov_admin/vf1/profile/sched_priority")).isEqualTo(AttributeModes.Mode.READ_ONLY);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:03:00.0/sriov_admin/pf/profile/sched_priority")).isEqualTo(AttributeModes.Mode.READ_WRITE);
        assertThat(AttributeModes.of("sys/devices/pci0000:00/0000:03:00.0/sriov_admin/.bulk_profile/exec_quantum_ms")).isEqualTo(AttributeModes.Mode.WRITE_ONLY);
        assertThat(AttributeModes.of("proc/cmdline")).isEqualTo(AttributeModes.Mode.READ_ONLY);
    }

    @Test
    void aGvtBudgetReproducesTheCountsItWasDerivedFrom()
    {
        Map<String, String> descriptions = Map.of(
                "a", TestHosts.GVT_DESCRIPTION.formatted(64, 384, 2),
                "b", TestHosts.GVT_DESCRIPTION.formatted(128, 512, 4));
        GvtBudget budget = GvtBudget.derive(descriptions, Map.of("a", 2, "b", 1), Map.of());

        assertThat(budget.available("a", Map.of())).isEqualTo(2);
        assertThat(budget.available("b", Map.of())).isEqualTo(1);
        assertThat(budget.available("a", Map.of("a", 1))).isEqualTo(1);
        assertThat(budget.available("b", Map.of("a", 1))).isZero();
    }

    @Test
    void aGvtBudgetCapsCountsNoBudgetCouldShow()
    {
        Map<String, String> descriptions = Map.of(
                "a", TestHosts.GVT_DESCRIPTION.formatted(64, 384, 2),
                "b", TestHosts.GVT_DESCRIPTION.formatted(128, 512, 4));
        // 4 of "a" need 256 MB low memory, which fits 2 of "b", yet "b" shows 1.
        GvtBudget budget = GvtBudget.derive(descriptions, Map.of("a", 4, "b", 1), Map.of());

        assertThat(budget.available("b", Map.of())).isEqualTo(1);
        assertThat(budget.available("a", Map.of("b", 1))).isEqualTo(2);
        assertThat(GvtBudget.parse("num_heads=4, max_instance=12")).isEmpty();
    }
}
