package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Resolution;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class MdevDescriptionTest
{
    private static final String PATH = "/sys/class/mdev_bus/0000:3b:00.0/mdev_supported_types/nvidia-257/description";

    @Test
    void readsTheFourFieldsAndKeepsTheOthers()
    {
        MdevDescription description = MdevDescription.parse(PATH,
                "num_heads=4, frl_config=60, framebuffer=2048M, max_resolution=7680x4320, max_instance=12");

        assertThat(description.heads()).isEqualTo(4);
        assertThat(description.framebufferMib()).isEqualTo(2048);
        assertThat(description.maxResolution()).isEqualTo(new Resolution(7680, 4320));
        assertThat(description.maxInstances()).isEqualTo(12);
        assertThat(description.otherKeys()).isEqualTo(Map.of("frl_config", "60"));
    }

    @Test
    void readsFieldsByKeyInAnyOrderAndToleratesUnknownKeys()
    {
        MdevDescription description = MdevDescription.parse(PATH,
                "max_instance=10, framebuffer=896M, ecc=1, num_heads=1, max_resolution=3840x2160, frl_config=120");

        assertThat(description.framebufferMib()).isEqualTo(896);
        assertThat(description.heads()).isEqualTo(1);
        assertThat(description.maxInstances()).isEqualTo(10);
        assertThat(description.otherKeys()).containsEntry("ecc", "1").containsEntry("frl_config", "120");
    }

    @Test
    void aDescriptionCutShortIsMalformedAndNamesTheFile()
    {
        assertThatThrownBy(() -> MdevDescription.parse(PATH, "num_heads=4, frl_config=60, framebu"))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining(PATH)
                .hasMessageContaining("'framebu' is not key=value")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.ATTRIBUTE_MALFORMED);
        assertThatThrownBy(() -> MdevDescription.parse(PATH, "num_heads=4, frl_config=60"))
                .hasMessageContaining("no framebuffer=");
    }

    @Test
    void refusesBadValues()
    {
        assertThatThrownBy(() -> MdevDescription.parse(PATH, "num_heads=4, framebuffer=2G, max_resolution=1x1, max_instance=1"))
                .hasMessageContaining("framebuffer=2G is not a size in MiB");
        assertThatThrownBy(() -> MdevDescription.parse(PATH, "num_heads=abc, framebuffer=2048M, max_resolution=1x1, max_instance=1"))
                .hasMessageContaining("'abc'");
        assertThatThrownBy(() -> MdevDescription.parse(PATH, "num_heads=1, framebuffer=2048M, max_resolution=wide, max_instance=1"))
                .hasMessageContaining("max_resolution=wide is not WIDTHxHEIGHT");
        assertThatThrownBy(() -> MdevDescription.parse(PATH, "num_heads=1, num_heads=2, framebuffer=2048M, max_resolution=1x1, max_instance=1"))
                .hasMessageContaining("num_heads appears twice");
    }
}
