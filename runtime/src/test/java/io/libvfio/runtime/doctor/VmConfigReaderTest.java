package io.libvfio.runtime.doctor;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gpus list of LibVF.IO VM files, in NimYAML's form and the plain one, and what is refused. */
final class VmConfigReaderTest
{
    /** The shape arcd writes: NimYAML's directives, the tagged document, each GPU a list of one-key maps. */
    static final String NIM_HEADER = "%YAML 1.2\n%TAG !n! tag:nimyaml.org,2016:\n--- !n!custom:Config\n";
    static final String NIM_SYSFSDEV = NIM_HEADER + """
            name: "test VM"
            shareddir: !!null ~
            cpus:
              cores: 4
              ramAlloc: 8192
            gpus:
              -
                -
                  maxVRam: 9000
                -
                  minVRam: 8000
                -
                  gpuType: sysfsdev
                -
                  parentPort: !!null ~
                -
                  mdevType: "i915-GVTg_V5_4"
                -
                  devId: hostdev0
            nics: []
            """;

    @TempDir
    Path directory;

    @Test
    void nimYamlFilesLoadWithTheirHeaderAndOneKeyMaps()
            throws IOException
    {
        Path file = Files.writeString(directory.resolve("intel.yaml"), NIM_SYSFSDEV);

        List<GpuRequest> gpus = VmConfigReader.read(file);

        assertThat(gpus).containsExactly(new GpuRequest(0, GpuRequest.Kind.SYSFSDEV, 8000, 9000, Optional.of("i915-GVTg_V5_4"), List.of(), "",
                Optional.empty(), Optional.empty()));
        assertThat(gpus.get(0).describe()).isEqualTo("gpus[0] (sysfsdev, mdevType i915-GVTg_V5_4)");
    }

    @Test
    void sriovAndSuffixEntriesAndTheDefaults()
    {
        List<GpuRequest> gpus = parse(NIM_HEADER + """
                gpus:
                  - [ {gpuType: sriovdev}, {acceptableTypes: [S7150]}, {maxVRam: -1}, {minVRam: 0} ]
                  - [ {gpuType: sysfsdev}, {mdevType: ""}, {suffix: Q} ]
                """);

        assertThat(gpus.get(0)).satisfies(gpu -> {
            assertThat(gpu.kind()).isEqualTo(GpuRequest.Kind.SRIOVDEV);
            assertThat(gpu.acceptableTypes()).containsExactly("S7150");
            assertThat(gpu.maxVramMib()).isEqualTo(-1);
            assertThat(gpu.describe()).isEqualTo("gpus[0] (sriovdev, at least 0 MiB, type S7150)");
        });
        assertThat(gpus.get(1)).satisfies(gpu -> {
            assertThat(gpu.mdevType()).as("an empty mdevType means: choose by size").isEmpty();
            assertThat(gpu.minVramMib()).isEqualTo(GpuRequest.DEFAULT_MIN_VRAM);
            assertThat(gpu.maxVramMib()).isEqualTo(GpuRequest.DEFAULT_MAX_VRAM);
            assertThat(gpu.suffix()).isEqualTo("Q");
        });
    }

    @Test
    void thePlainFormAndNoGpusAtAll()
    {
        assertThat(parse("gpus:\n  - {gpuType: passthrough, bdf: '01:00.0'}\n")).singleElement()
                .satisfies(gpu -> assertThat(gpu.bdf()).contains("0000:01:00.0"));
        assertThat(parse(NIM_HEADER + "name: x\ngpus: []\n")).isEmpty();
        assertThat(parse("name: x\n")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gpus: [ [ {minVRam: 1} ] ]                                   | gpus[0]: gpuType is required",
            "gpus: [ [ {gpuType: usb} ] ]                                 | gpuType 'usb' is not sriovdev, sysfsdev or passthrough",
            "gpus: [ [ {gpuType: sysfsdev}, {gpuType: sriovdev} ] ]       | gpus[0]: gpuType is given twice",
            "gpus: [ [ {gpuType: sysfsdev, minVRam: 1} ] ]                | every item must be a one-key map",
            "gpus: [ [ {gpuType: sysfsdev}, {minVRam: lots} ] ]           | gpus[0]: minVRam must be a whole number of MB (or a size such as 2G), not 'lots'",
            "gpus: [ [ {gpuType: sysfsdev}, {minVRam: 2X} ] ]             | gpus[0]: minVRam '2X': '2X' is not a size such as 2048, 2048M or 2G",
            "gpus: [ [ {gpuType: sysfsdev}, {minVRam: 4000}, {maxVRam: 2000} ] ] | minVRam 4000 and maxVRam 2000 do not make a range (minVRam is above maxVRam)",
            "gpus: [ [ {gpuType: sysfsdev}, {minVRam: 4G}, {maxVRam: 2G} ] ] | minVRam 4096 and maxVRam 2048 do not make a range (minVRam is above maxVRam)",
            "gpus: [ [ {gpuType: sysfsdev}, {parentPort: 'card0'} ] ]     | gpus[0]: parentPort 'card0' is not a PCI address such as 0000:01:00.0",
            "gpus: [ [ {gpuType: sysfsdev}, {mdevType: '../../x'} ] ]     | gpus[0]: mdevType '../../x' is not a vGPU type name",
            "gpus: [ [ {gpuType: sriovdev}, {acceptableTypes: ['a/b']} ] ] | gpus[0]: acceptableTypes 'a/b' is not a vGPU type name",
            "gpus: [ [ {gpuType: passthrough} ] ]                         | a passthrough GPU needs its bdf",
            "gpus: [ [ {gpuType: passthrough}, {bdf: 'slot one'} ] ]      | bdf 'slot one' is not a PCI address",
            "gpus: {gpuType: sysfsdev}                                    | gpus: expected a list",
            "- just a list                                                | expected a mapping of settings",
            "gpus: [ [ {gpuType: sysfsdev} ] ]\\ngpus: []                  | not a valid VM file",
            "a: !!java.io.File /etc/passwd                                | not a valid VM file"})
    void badFilesAreConfigurationErrorsNamingTheFileAndEntry(String yaml, String message)
    {
        assertThatThrownBy(() -> parse(yaml.replace("\\n", "\n")))
                .isInstanceOf(VfioException.class)
                .hasMessageStartingWith("vm.yaml: ")
                .hasMessageContaining(message)
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.CONFIG);
    }

    @Test
    void aliasBombsAreRefused()
    {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 0; level < 10; level++) {
            yaml.append("%s: &%s [*%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s, *%s]\n".formatted(
                    (char) ('b' + level), (char) ('b' + level), (char) ('a' + level), (char) ('a' + level), (char) ('a' + level), (char) ('a' + level),
                    (char) ('a' + level), (char) ('a' + level), (char) ('a' + level), (char) ('a' + level), (char) ('a' + level), (char) ('a' + level)));
        }
        assertThatThrownBy(() -> parse(yaml.toString())).isInstanceOf(VfioException.class).hasMessageContaining("not a valid VM file");
    }

    @Test
    void aMissingFileIsAConfigurationError()
    {
        assertThatThrownBy(() -> VmConfigReader.read(directory.resolve("nope.yaml")))
                .isInstanceOf(VfioException.class)
                .hasMessageEndingWith("nope.yaml: no such file")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.CONFIG);
    }

    private static List<GpuRequest> parse(String yaml)
    {
        return VmConfigReader.parse("vm.yaml", new StringReader(yaml));
    }
}
