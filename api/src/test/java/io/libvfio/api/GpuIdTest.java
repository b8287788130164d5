package io.libvfio.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GpuIdTest
{
    @Test
    void aPciAddressIsCanonicalised()
    {
        GpuId id = GpuId.parse("3B:00.0");
        assertThat(id.value()).isEqualTo("0000:3b:00.0");
        assertThat(id.pciAddress()).contains(PciAddress.parse("0000:3b:00.0"));
        assertThat(id).isEqualTo(GpuId.of(PciAddress.parse("0000:3b:00.0")));
        assertThat(id.is(PciAddress.parse("0000:3b:00.0"))).isTrue();
        assertThat(id.is(PciAddress.parse("0000:3c:00.0"))).isFalse();
    }

    @Test
    void aDeviceNameIsNotAPciDevice()
    {
        GpuId id = GpuId.parse("mbochs");
        assertThat(id.isPci()).isFalse();
        assertThat(id.pciAddress()).isEqualTo(Optional.empty());
        assertThat(id.toString()).isEqualTo("mbochs");
        assertThat(id.is(PciAddress.parse("0000:00:00.0"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "../etc", "a/b", ".hidden", "-x", "mbochs,x=1", "0000:zz:00.0", "name with space"})
    void refusesWhatIsNeitherAnAddressNorASafeName(String text)
    {
        assertThatThrownBy(() -> GpuId.parse(text))
                .isInstanceOfSatisfying(VfioException.class, e -> assertThat(e.errorCode()).isEqualTo(StandardErrorCode.INVALID_NAME))
                .hasMessageContaining("invalid GPU '" + text + "'");
    }

    @Test
    void refusesOverlongNames()
    {
        assertThat(GpuId.isValidName("a".repeat(64))).isTrue();
        assertThat(GpuId.isValidName("a".repeat(65))).isFalse();
    }

    @Test
    void pciGpusSortFirstInAddressOrder()
    {
        List<GpuId> ids = new ArrayList<>(List.of(GpuId.parse("mtty"), GpuId.parse("0000:81:00.0"), GpuId.parse("mbochs"), GpuId.parse("0000:03:00.0")));
        Collections.sort(ids);
        assertThat(ids).extracting(GpuId::value).containsExactly("0000:03:00.0", "0000:81:00.0", "mbochs", "mtty");
    }

    @Test
    void aGpuWithoutPciDeviceRefusesPciQuestions()
    {
        Gpu gpu = new Gpu(GpuId.parse("mbochs"), Optional.empty(), "mbochs", List.of(Mechanism.MDEV), Optional.empty(), java.util.Map.of());
        assertThat(gpu.isPci()).isFalse();
        assertThatThrownBy(gpu::address).isInstanceOf(IllegalStateException.class).hasMessageContaining("mbochs");
        assertThatThrownBy(() -> new Gpu(GpuId.parse("0000:01:00.0"), Optional.empty(), "x", List.of(), Optional.empty(), java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
