package io.libvfio.cli;

import io.libvfio.api.spi.BackendProvider;
import io.libvfio.runtime.registry.BackendRegistry;
import io.libvfio.runtime.registry.SupportMatrix;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's hardware support matrix is what the installed backends declare. When a backend's
 * {@code support()} changes, regenerate the table with
 * {@code mvn -o -pl cli -am verify -Dlibvfio.regenerate=true -Dtest=SupportMatrixReadmeTest -Dsurefire.failIfNoSpecifiedTests=false}
 * (or paste {@code libvfio backends --matrix}).
 */
final class SupportMatrixReadmeTest
{
    private static final Path README = Path.of("../README.md");
    private static final String BEGIN = "<!-- support-matrix:begin";
    private static final String END = "<!-- support-matrix:end -->";

    private static List<BackendProvider> providers()
    {
        return BackendRegistry.load(SupportMatrixReadmeTest.class.getClassLoader()).providers();
    }

    @Test
    void theReadmeTableIsTheGeneratedOne()
            throws IOException
    {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README has the support-matrix markers").isNotNegative();
        assertThat(end).isGreaterThan(begin);
        int tableStart = readme.indexOf('\n', begin) + 1;
        String generated = SupportMatrix.markdown(providers());
        if (Boolean.getBoolean("libvfio.regenerate")) {
            Files.writeString(README, readme.substring(0, tableStart) + generated + readme.substring(end), StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme.substring(tableStart, end))
                .as("README's support matrix differs from what the backends declare; regenerate it (see this test's javadoc)")
                .isEqualTo(generated);
    }

    @Test
    void everyInstalledBackendDeclaresItsHardware()
    {
        List<BackendProvider> providers = providers();
        assertThat(providers).extracting(BackendProvider::name).containsExactlyInAnyOrder("nvidia-gvm", "intel-gvtg", "intel-sriov", "amd-gim", "passthrough");
        // The runtime's passthrough backend has the matrix's own (runtime) row instead of rows of its own.
        assertThat(providers).filteredOn(provider -> !provider.name().equals("passthrough"))
                .allSatisfy(provider -> assertThat(provider.support()).as(provider.name()).isNotEmpty());
        assertThat(SupportMatrix.markdown(providers)).contains("| `intel-gvtg` | Intel | iGPUs Gen8 to Gen9.x (Broadwell to Comet Lake) | mdev |")
                .endsWith("| (runtime) | any | any GPU with an IOMMU group | passthrough | any with VFIO | IOMMU on, `vfio-pci` | yes | yes |\n");
    }

    @Test
    void backendsPrintsTheMatrixAsMarkdownAndJson()
    {
        CliRun markdown = CliRun.of("--root", "../examples/hosts/iommu-off", "backends", "--matrix");
        assertThat(markdown.exitCode()).isZero();
        assertThat(markdown.out()).isEqualTo(SupportMatrix.markdown(providers()));
        CliRun json = CliRun.of("--root", "../examples/hosts/iommu-off", "backends", "--matrix", "--json");
        assertThat(json.out()).startsWith("{\n  \"schemaVersion\" : 1,\n  \"support\" : [")
                .contains("\"backend\" : \"nvidia-gvm\"", "\"mechanism\" : \"vendor-vfio\"", "\"kernel\" : \"6.8+\"", "\"createDestroy\" : true")
                .doesNotContain("\"createDestroy\" : false");
    }
}
