package io.libvfio.backend.intel.sriov;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

final class VfProfilesTest
{
    @Test
    void countsArePowersOfTwoPlusTheLimitAndTheCurrentCount()
    {
        assertThat(VfProfiles.counts(7, 0)).containsExactly(1, 2, 4, 7);
        assertThat(VfProfiles.counts(31, 0)).containsExactly(1, 2, 4, 8, 16, 31);
        assertThat(VfProfiles.counts(16, 0)).containsExactly(1, 2, 4, 8, 16);
        assertThat(VfProfiles.counts(7, 3)).containsExactly(1, 2, 3, 4, 7);
        assertThat(VfProfiles.counts(1, 0)).containsExactly(1);
        assertThat(VfProfiles.counts(0, 0)).isEmpty();
    }
}
