package io.libvfio.testkit;

import io.libvfio.api.Errno;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.SortedMap;

import static io.libvfio.testkit.KernelAssertions.assertRefused;
import static io.libvfio.testkit.TestHosts.NVIDIA_PF;
import static io.libvfio.testkit.TestHosts.device;
import static org.assertj.core.api.Assertions.assertThat;

final class FakeKernelNvidiaVgpuTest
{
    private static final String TYPES = String.join("\n",
            NvidiaVgpuEmulation.HEADER,
            "%-5d : %s".formatted(1145, "NVIDIA L40S-1B"),
            "%-5d : %s".formatted(1147, "NVIDIA L40S-1Q"),
            "%-5d : %s".formatted(1148, "NVIDIA L40S-2Q"));
    private static final String VF = "0000:41:00.4";
    private static final String CURRENT = device(VF) + "/nvidia/current_vgpu_type";
    private static final String CREATABLE = device(VF) + "/nvidia/creatable_vgpu_types";
    private static final String OTHER_CURRENT = device("0000:41:00.5") + "/nvidia/current_vgpu_type";
    private static final String OTHER_CREATABLE = device("0000:41:00.5") + "/nvidia/creatable_vgpu_types";

    @TempDir
    Path root;

    private FakeKernel kernel;

    @BeforeEach
    void setUp()
    {
        kernel = FakeKernel.on(TestHosts.sriov(root));
        kernel.vfTemplate(NVIDIA_PF, spec -> spec
                .attribute("nvidia/creatable_vgpu_types", TYPES)
                .attribute("nvidia/current_vgpu_type", "0"));
        kernel.write(device(NVIDIA_PF) + "/sriov_numvfs", "2");
    }

    @Test
    void settingACreatableTypeStoresItAndEmptiesTheListUntilCleared()
    {
        SortedMap<String, String> before = kernel.snapshot();
        kernel.write(CURRENT, "1145\n");

        assertThat(kernel.read(CURRENT)).contains("1145");
        assertThat(kernel.read(CREATABLE)).contains("ID    : vGPU Name");
        assertThat(kernel.read(OTHER_CREATABLE)).as("a sibling VF lists only the type the GPU runs, while another fits")
                .contains(NvidiaVgpuEmulation.HEADER + "\n1145  : NVIDIA L40S-1B");

        kernel.write(CURRENT, "0");

        assertThat(kernel.read(CURRENT)).contains("0");
        assertThat(kernel.read(CREATABLE)).contains(TYPES);
        assertThat(kernel.read(OTHER_CREATABLE)).contains(TYPES);
        assertThat(kernel.snapshot()).as("the host after set and clear").isEqualTo(before);
    }

    @Test
    void aListChangedBehindTheKernelsBackIsRewrittenByTheNextWriteEvenWhenItsStateIsTheSame()
    {
        String types = String.join("\n", NvidiaVgpuEmulation.HEADER, "%-5d : %s".formatted(1145, "NVIDIA L40S-1B"), "%-5d : %s".formatted(1155, "NVIDIA L40S-48Q"));
        kernel.write(device(NVIDIA_PF) + "/sriov_numvfs", "0");
        kernel.vfTemplate(NVIDIA_PF, spec -> spec.attribute("nvidia/creatable_vgpu_types", types).attribute("nvidia/current_vgpu_type", "0"));
        kernel.write(device(NVIDIA_PF) + "/sriov_numvfs", "3");
        String onlyRunning = NvidiaVgpuEmulation.HEADER + "\n1145  : NVIDIA L40S-1B";
        kernel.write(CURRENT, "1145");
        assertThat(kernel.read(OTHER_CREATABLE)).contains(onlyRunning);

        kernel.host().writeText(OTHER_CREATABLE.substring(1), "stale\n");
        assertThat(kernel.read(OTHER_CREATABLE)).contains("stale");
        kernel.write(device("0000:41:00.6") + "/nvidia/current_vgpu_type", "1145");

        assertThat(kernel.read(OTHER_CREATABLE)).as("1145 still fits (2 of 3), so the free VF lists it again").contains(onlyRunning);
    }

    @Test
    void theGpuRunsOneTypeAtATimeAndATypeFitsAsOftenAsItsFramebufferAllows()
    {
        // 2Q of a list whose largest profile is 2 GB fits once; 1B twice (as often as there are VFs).
        kernel.write(CURRENT, "1148");

        assertThat(kernel.read(OTHER_CREATABLE)).as("the GPU is full for 1148").contains(NvidiaVgpuEmulation.HEADER);
        assertRefused(kernel, OTHER_CURRENT, "1148", Errno.ENOSPC);
        assertRefused(kernel, OTHER_CURRENT, "1145", Errno.EINVAL);
        assertThat(kernel.read(OTHER_CURRENT)).contains("0");

        kernel.write(CURRENT, "0");
        kernel.write(OTHER_CURRENT, "1145");
        kernel.write(CURRENT, "1145");

        assertThat(kernel.read(CREATABLE)).contains(NvidiaVgpuEmulation.HEADER);
        assertThat(kernel.read(OTHER_CREATABLE)).contains(NvidiaVgpuEmulation.HEADER);
    }

    @Test
    void settingATypeWhileOneIsSetAndClearingWhileNoneIsAreEperm()
    {
        assertRefused(kernel, CURRENT, "0", Errno.EPERM);
        kernel.write(CURRENT, "1145");
        assertRefused(kernel, CURRENT, "1147", Errno.EPERM);
        assertRefused(kernel, CURRENT, "1145", Errno.EPERM);
        assertThat(kernel.read(CURRENT)).contains("1145");
    }

    @Test
    void aTypeTheCardDoesNotKnowIsEnodevAndAValueThatIsNotDecimalIsEinval()
    {
        assertRefused(kernel, CURRENT, "1146", Errno.ENODEV);
        assertRefused(kernel, CURRENT, "-1", Errno.EINVAL);
        assertRefused(kernel, CURRENT, "0x47c", Errno.EINVAL);
        assertRefused(kernel, CURRENT, "L40S-2Q", Errno.EINVAL);
        assertRefused(kernel, CURRENT, "99999999999999999999", Errno.EINVAL);
        assertThat(kernel.read(CURRENT)).contains("0");
    }

    @Test
    void aGpuFirstSeenRunningATypeFitsItAsOftenAsItsVfsThenShow()
    {
        // Its lists already shrank to 1148, so they no longer tell the card's size: what they show is the bound.
        kernel.host().writeAttribute("sys/bus/pci/devices/" + VF + "/nvidia/current_vgpu_type", "1148");
        kernel.host().writeAttribute("sys/bus/pci/devices/" + VF + "/nvidia/creatable_vgpu_types", NvidiaVgpuEmulation.HEADER);
        kernel.host().writeAttribute("sys/bus/pci/devices/0000:41:00.5/nvidia/creatable_vgpu_types", NvidiaVgpuEmulation.HEADER + "\n1148  : NVIDIA L40S-2Q");

        assertRefused(kernel, OTHER_CURRENT, "1145", Errno.EINVAL);
        kernel.write(OTHER_CURRENT, "1148");
        kernel.write(CURRENT, "0");

        assertThat(kernel.read(CREATABLE)).as("free again, and one more 1148 fits").contains(NvidiaVgpuEmulation.HEADER + "\n1148  : NVIDIA L40S-2Q");
    }

    @Test
    void creatableTypesIsReadOnly()
    {
        assertRefused(kernel, CREATABLE, "1145", Errno.EACCES);
    }
}
