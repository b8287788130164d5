package io.libvfio.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

final class PciAddressTest
{
    @Test
    void parsesFullAndShortForms()
    {
        assertThat(PciAddress.parse("0000:3b:00.0")).isEqualTo(new PciAddress(0, 0x3b, 0, 0));
        assertThat(PciAddress.parse("3B:1F.7")).isEqualTo(new PciAddress(0, 0x3b, 0x1f, 7));
        assertThat(PciAddress.parse("10000:e0:06.0").toString()).isEqualTo("10000:e0:06.0");
        assertThat(PciAddress.parse("0000:0A:00.1").toString()).isEqualTo("0000:0a:00.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0000:3b:00", "0000:3b:00.8", "0000:3b:20.0", "0000:3b:00.0\n", "../../etc", "0000:3b:00.0,x=1", "000:3b:00.0", " 0000:3b:00.0"})
    void refusesAnythingElse(String text)
    {
        assertThat(PciAddress.isValid(text)).isFalse();
        assertThatThrownBy(() -> PciAddress.parse(text))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("invalid PCI address")
                .extracting(error -> ((VfioException) error).category())
                .isEqualTo(ErrorCategory.USAGE);
    }

    @Test
    void ordersByDomainBusDeviceFunction()
    {
        assertThat(PciAddress.parse("0000:01:00.1")).isGreaterThan(PciAddress.parse("0000:01:00.0"));
        assertThat(PciAddress.parse("0001:00:00.0")).isGreaterThan(PciAddress.parse("0000:ff:1f.7"));
    }
}
