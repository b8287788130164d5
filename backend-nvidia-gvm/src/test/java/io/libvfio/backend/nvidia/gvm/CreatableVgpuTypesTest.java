package io.libvfio.backend.nvidia.gvm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class CreatableVgpuTypesTest
{
    private static final String PATH = "/sys/bus/pci/devices/0000:3d:00.4/nvidia/creatable_vgpu_types";

    @Test
    void readsTheRowsBelowTheHeader()
    {
        CreatableVgpuTypes table = CreatableVgpuTypes.parse(PATH, NvidiaHosts.CREATABLE_L40S);

        assertThat(table.types()).containsExactly(
                new CreatableVgpuType(1145, "NVIDIA L40S-1B"),
                new CreatableVgpuType(1147, "NVIDIA L40S-1Q"),
                new CreatableVgpuType(1148, "NVIDIA L40S-2Q"));
        assertThat(table.problems()).isEmpty();
    }

    @Test
    void aHeaderAloneOrNothingMeansNoType()
    {
        assertThat(CreatableVgpuTypes.parse(PATH, "ID    : vGPU Name").types()).isEmpty();
        assertThat(CreatableVgpuTypes.parse(PATH, "").types()).isEmpty();
    }

    @Test
    void aBrokenRowIsReportedAndTheOthersKept()
    {
        CreatableVgpuTypes table = CreatableVgpuTypes.parse(PATH, """
                ID    : vGPU Name
                1414  : NVIDIA H200X-1-18C
                12x4  : NVIDIA H200X-2-35C
                NVIDIA H200X-3-71C
                1417  : NVIDIA H200X-7-141C""");

        assertThat(table.types()).extracting(CreatableVgpuType::id).containsExactly(1414, 1417);
        assertThat(table.problems()).hasSize(2);
        assertThat(table.problems().get(0)).contains(PATH).contains("'12x4  : NVIDIA H200X-2-35C'");
        assertThat(table.problems().get(1)).contains("'NVIDIA H200X-3-71C'");
    }
}
