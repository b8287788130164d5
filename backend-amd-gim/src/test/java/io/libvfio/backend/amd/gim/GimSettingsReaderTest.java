package io.libvfio.backend.amd.gim;

import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

final class GimSettingsReaderTest
{
    @TempDir
    Path root;

    @Test
    void unsetParametersFallBackToTheConfigFileAndDefaults()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        host.writeAttribute("etc/gim_config", "vf_num=4\npf_fb=256\nsched_interval=10");

        GimSettings settings = new GimSettingsReader(AmdHosts.context(host).fs()).legacy();

        assertThat(settings.value("vf_num")).isEqualTo(OptionalLong.of(4));
        assertThat(settings.sources()).containsEntry("vf_num", "module parameter").containsEntry("pf_fb", "/etc/gim_config")
                .containsEntry("vf_fb", "default");
        assertThat(settings.value("pf_fb")).isEqualTo(OptionalLong.of(256));
        assertThat(settings.value("sched_interval")).isEqualTo(OptionalLong.of(10));
        assertThat(settings.problems()).isEmpty();
    }

    @Test
    void aParameterInRangeWinsOverTheConfigFile()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        AmdHosts.legacyParameters(host, "1024", "20");
        host.writeAttribute("etc/gim_config", "vf_fb = 512\nsched_interval 10");

        GimSettings settings = new GimSettingsReader(AmdHosts.context(host).fs()).legacy();

        assertThat(settings.value("vf_fb")).isEqualTo(OptionalLong.of(1024));
        assertThat(settings.value("sched_interval")).isEqualTo(OptionalLong.of(20));
    }

    @Test
    void outOfRangeValuesAreIgnoredAndNonNumbersReported()
    {
        SimulatedHost host = AmdHosts.s7150(root);
        host.writeAttribute("etc/gim_config", "vf_num=40\nvf_fb=abc\ngarbage");

        GimSettings settings = new GimSettingsReader(AmdHosts.context(host).fs()).legacy();

        assertThat(settings.value("vf_fb")).isEqualTo(OptionalLong.of(0));
        assertThat(settings.problems()).containsExactly(
                "/etc/gim_config: line 'garbage' is not key=value; ignored",
                "/etc/gim_config (vf_fb): malformed value 'abc' (expected a non-negative decimal number); ignored, as GIM ignores it");
    }

    @Test
    void theOpenGimReadsItsGpusArrayElement()
    {
        GimSettingsReader reader = new GimSettingsReader(AmdHosts.context(AmdHosts.mi300x(root)).fs());

        GimSettings first = reader.open(0);
        GimSettings second = reader.open(1);

        assertThat(first.value("vf_num")).isEqualTo(OptionalLong.of(1));
        assertThat(first.value("pf_fb_size")).isEqualTo(OptionalLong.of(512));
        assertThat(first.sources()).containsEntry("vf_num", "module parameter");
        assertThat(second.sources()).containsEntry("vf_num", "default");
        assertThat(second.problems()).singleElement().asString().contains("/sys/module/gim/parameters/vf_num: malformed value 'abc'");
    }
}
