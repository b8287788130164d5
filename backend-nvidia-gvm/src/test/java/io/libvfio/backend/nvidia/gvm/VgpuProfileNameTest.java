package io.libvfio.backend.nvidia.gvm;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

final class VgpuProfileNameTest
{
    @Test
    void theSizeBeforeTheSeriesLetterIsGibibytes()
    {
        assertThat(VgpuProfileName.framebufferMib("NVIDIA L40S-2Q")).isEqualTo(OptionalLong.of(2048));
        assertThat(VgpuProfileName.framebufferMib("NVIDIA L40S-1B")).isEqualTo(OptionalLong.of(1024));
        assertThat(VgpuProfileName.framebufferMib("NVIDIA L40S-48A")).isEqualTo(OptionalLong.of(48 * 1024));
        assertThat(VgpuProfileName.framebufferMib("NVIDIA RTX6000-Ada-1Q")).isEqualTo(OptionalLong.of(1024));
    }

    @Test
    void migBackedNamesUseTheLastSegmentNotTheSliceCount()
    {
        assertThat(VgpuProfileName.framebufferMib("NVIDIA H200X-1-18C")).isEqualTo(OptionalLong.of(18 * 1024));
        assertThat(VgpuProfileName.series("NVIDIA H200X-1-18C")).isEqualTo(Optional.of("C"));
    }

    @Test
    void sizeZeroIsHalfAGibibyte()
    {
        assertThat(VgpuProfileName.framebufferMib("GRID M60-0B")).isEqualTo(OptionalLong.of(512));
    }

    @Test
    void namesWithoutASizeHaveNone()
    {
        assertThat(VgpuProfileName.framebufferMib("GVM [Geforce /10]")).isEmpty();
        assertThat(VgpuProfileName.framebufferMib("NVIDIA L40S")).isEmpty();
        assertThat(VgpuProfileName.shortName("GRID P40-2Q")).isEqualTo("P40-2Q");
    }
}
