package io.libvfio.backend.intel.gvtg;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class IntelPlatformTest
{
    @Test
    void gvtCoversBroadwellToCometLake()
    {
        assertThat(IntelPlatform.of(0x1616).map(IntelPlatform::name)).contains("Broadwell");
        assertThat(IntelPlatform.of(0x1912).map(IntelPlatform::gvt)).contains(true);
        assertThat(IntelPlatform.of(0x5a85).map(IntelPlatform::gvt)).contains(true);
        assertThat(IntelPlatform.of(0x87c0).map(IntelPlatform::name)).contains("Kaby Lake");
        assertThat(IntelPlatform.of(0x3ea0).map(IntelPlatform::name)).contains("Coffee Lake");
        assertThat(IntelPlatform.of(0x9bc5).map(IntelPlatform::gvt)).contains(true);
    }

    @Test
    void newerAndOddPlatformsAreNotGvt()
    {
        assertThat(IntelPlatform.of(0x3185).map(IntelPlatform::gvt)).contains(false);
        assertThat(IntelPlatform.of(0x8a52).map(IntelPlatform::generation)).contains(11);
        assertThat(IntelPlatform.of(0x4680).map(IntelPlatform::name)).contains("Alder Lake");
        assertThat(IntelPlatform.of(0x56c0).map(IntelPlatform::generation)).contains(12);
        assertThat(IntelPlatform.of(0x0412)).isEmpty();
    }
}
