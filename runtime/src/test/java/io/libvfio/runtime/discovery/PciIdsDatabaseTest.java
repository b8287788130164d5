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

    @Test
    void findsVendorsAtTheStartAndEndOfALargeFile()
    {
        byte[] text = generated(3000);
        PciIdsDatabase database = PciIdsDatabase.parse(text, Set.of(0x0001, 0x05dc, 0x0bb8));
        assertThat(database.names(0x0001, 0x0002).vendor()).contains("Vendor 0001");
        assertThat(database.names(0x0001, 0x0002).device()).contains("Device 0001:0002");
        assertThat(database.names(0x05dc, 0x0003).device()).contains("Device 05dc:0003");
        assertThat(database.names(0x0bb8, 0x0003).device()).contains("Device 0bb8:0003");
        assertThat(database.names(0x0bb8, 0x0003).vendor()).contains("Vendor 0bb8");
        assertThat(PciIdsDatabase.vendorLine(text, 0x0001)).isEqualTo(new String(text, StandardCharsets.UTF_8).indexOf("0001  Vendor"));
    }

    @Test
    void aMissingVendorHasNoNames()
    {
        byte[] text = generated(3000);
        assertThat(PciIdsDatabase.vendorLine(text, 0x0bb9)).isEqualTo(-1);
        assertThat(PciIdsDatabase.vendorLine(text, 0xfffe)).isEqualTo(-1);
        assertThat(PciIdsDatabase.vendorLine(text, 0x0000)).isEqualTo(-1);
        assertThat(PciIdsDatabase.parse(text, Set.of(0x0bb9)).isEmpty()).isTrue();
        assertThat(PciIdsDatabase.parse(IDS.getBytes(StandardCharsets.UTF_8), Set.of(0x1002)).isEmpty()).isTrue();
    }

    @Test
    void everyVendorOfALargeFileIsFound()
    {
        byte[] text = generated(3000);
        for (int vendor = 1; vendor <= 3000; vendor++) {
            assertThat(PciIdsDatabase.vendorLine(text, vendor)).as("vendor %04x", vendor).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aVendorOutOfOrderIsStillFound()
    {
        // The real pci.ids has a few vendors out of order (4e58 between 5045 and 5046).
        String text = new String(generated(3000), StandardCharsets.UTF_8)
                .replace("0801  Vendor 0801\n", "2f00  Misplaced vendor\n\t0001  Misplaced device\n0801  Vendor 0801\n");
        PciIdsDatabase database = PciIdsDatabase.parse(text.getBytes(StandardCharsets.UTF_8), Set.of(0x2f00, 0x0801));
        assertThat(database.names(0x2f00, 0x0001).device()).contains("Misplaced device");
        assertThat(database.names(0x0801, 0x0001).device()).contains("Device 0801:0001");
    }

    @Test
    void theClassListEndsTheLastVendor()
    {
        PciIdsDatabase database = PciIdsDatabase.parse(IDS.getBytes(StandardCharsets.UTF_8), Set.of(0x8086));
        assertThat(database.names(0x8086, 0x3e9b).device()).contains("CoffeeLake-H GT2 [UHD Graphics 630]");
        assertThat(database.names(0x8086, 0x0000).device()).isEmpty();
    }

    /** A pci.ids with vendors 0001..{@code vendors} (hex), each with three devices and a subsystem, then a class list. */
    private static byte[] generated(int vendors)
    {
        StringBuilder text = new StringBuilder("# generated\n#\n\n");
        for (int vendor = 1; vendor <= vendors; vendor++) {
            String id = "%04x".formatted(vendor);
            text.append(id).append("  Vendor ").append(id).append('\n');
            for (int device = 1; device <= 3; device++) {
                text.append("\t%04x  Device %s:%04x\n".formatted(device, id, device));
                text.append("\t\t%s 0001  Subsystem\n".formatted(id));
            }
            if (vendor % 100 == 0) {
                text.append("# a comment between vendors\n");
            }
        }
        text.append("\n# List of known device classes\nC 00  Unclassified device\n\t00  Non-VGA unclassified device\nC 03  Display controller\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void deviceLinesMatchInEitherCaseAndTheLastOfTwinsWins()
    {
        String text = "10de  NVIDIA Corporation\n\t26B9  AD102GL [L40S]\n\t1e07  First\n\t\t1e07 0001  Subsystem\n\t1e07  Second\n8086  Intel\n";
        PciIdsDatabase database = PciIdsDatabase.parse(text.getBytes(StandardCharsets.UTF_8), Set.of(0x10de));
        assertThat(database.names(0x10de, 0x26b9).device()).contains("AD102GL [L40S]");
        assertThat(database.names(0x10de, 0x1e07).device()).contains("Second");
    }
}
