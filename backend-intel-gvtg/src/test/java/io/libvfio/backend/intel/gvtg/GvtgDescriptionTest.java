package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Resolution;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class GvtgDescriptionTest
{
    private static final String PATH = "/sys/class/mdev_bus/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4/description";

    @Test
    void readsTheFiveLines()
    {
        GvtgDescription description = GvtgDescription.parse(PATH, IntelHosts.description(128, 512, "1920x1200", 4) + "\n");

        assertThat(description).isEqualTo(new GvtgDescription(128, 512, 4, new Resolution(1920, 1200), 4));
        assertThat(description.graphicsMemoryMib()).isEqualTo(640);
    }

    @Test
    void readsLinesByKeyInAnyOrder()
    {
        GvtgDescription description = GvtgDescription.parse(PATH,
                "weight: 2\nresolution: 1024x768\nfence: 4\nextra: 1\nhigh_gm_size: 384MB\nlow_gm_size: 64MB");

        assertThat(description.lowGmMib()).isEqualTo(64);
        assertThat(description.highGmMib()).isEqualTo(384);
        assertThat(description.weight()).isEqualTo(2);
    }

    @Test
    void aDescriptionCutShortOrWithBadNumbersIsMalformed()
    {
        assertThatThrownBy(() -> GvtgDescription.parse(PATH, "low_gm_size: 256MB\nhigh_gm_size: 1024MB\nfen"))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining(PATH)
                .hasMessageContaining("line 'fen' is not 'key: value'")
                .extracting(error -> ((VfioException) error).errorCode())
                .isEqualTo(StandardErrorCode.ATTRIBUTE_MALFORMED);
        assertThatThrownBy(() -> GvtgDescription.parse(PATH, "low_gm_size: 256MB\nhigh_gm_size: 1024MB\nfence: 4"))
                .hasMessageContaining("no resolution line; the description looks cut short");
        assertThatThrownBy(() -> GvtgDescription.parse(PATH, IntelHosts.description(128, 512, "1920x1200", 4).replace("fence: 4", "fence: abc")))
                .hasMessageContaining("fence: abc is not a number");
        assertThatThrownBy(() -> GvtgDescription.parse(PATH, IntelHosts.description(128, 512, "1920x1200", 4).replace("512MB", "512")))
                .hasMessageContaining("high_gm_size: 512 is not a size such as 128MB");
    }
}
