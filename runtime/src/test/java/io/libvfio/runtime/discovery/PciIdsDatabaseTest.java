package io.libvfio.runtime.discovery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

final class PciIdsDatabaseTest
{
    private static final String IDS = """
            # comment
            10de  NVIDIA Corporation
            \t1e07  TU102 [GeForce RTX 2080 Ti Rev. A]
            \t\t10de 12a4  GeForce RTX 2080 Ti
            \t26b9  AD102GL [L40S]
            8086  Intel Corporation
            \t3e9b  CoffeeLake-H GT2 [UHD Graphics 630]
            C 03  Display controller
            \t00  VGA compatible controller
            """;

    @Test
    void parsesOnlyTheWantedVendors()
    {
        PciIdsDatabase database = PciIdsDatabase.parse(IDS.getBytes(StandardCharsets.UTF_8), Set.of(0x10de));
        assertThat(database.names(0x10de, 0x1e07).vendor()).contains("NVIDIA Corporation");
        assertThat(database.names(0x10de, 0x1e07).device()).contains("TU102 [GeForce RTX 2080 Ti Rev. A]");
        assertThat(database.names(0x10de, 0x26b9).device()).contains("AD102GL [L40S]");
        assertThat(database.names(0x8086, 0x3e9b).device()).isEmpty();
        assertThat(database.names(0x10de, 0x9999).device()).isEmpty();
    }
}
