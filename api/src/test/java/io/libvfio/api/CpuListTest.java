package io.libvfio.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class CpuListTest
{
    @Test
    void parsesKernelCpulists()
    {
        assertThat(CpuList.parse("0-3,8,10-11").cpus()).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuList.parse("0-3,8,10-11")).hasToString("0-3,8,10-11");
        assertThat(CpuList.parse("").cpus()).isEqualTo(List.of());
        assertThat(CpuList.parse("5\n")).hasToString("5");
    }

    @Test
    void refusesMalformedLists()
    {
        assertThatThrownBy(() -> CpuList.parse("abc")).hasMessageContaining("'abc'");
        assertThatThrownBy(() -> CpuList.parse("3-1")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CpuList.parse("0-")).hasMessageContaining("not a CPU list");
    }
}
