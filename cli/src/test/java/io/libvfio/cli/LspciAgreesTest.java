package io.libvfio.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lspci, pointed at a simulated host's sysfs, sees the same GPUs (address, class, ids) as
 * {@code libvfio gpus}. Skipped with a message where lspci is missing, except in CI.
 */
final class LspciAgreesTest
{
    private static final Pattern LSPCI_LINE = Pattern.compile("^(\\S+) (03[0-9a-f]{2}): ([0-9a-f]{4}):([0-9a-f]{4}).*$");
    private static final Pattern JSON_GPU = Pattern.compile(
            "\"address\" : \"([^\"]+)\",\\s*\"vendorId\" : \"([0-9a-f]{4})\",\\s*\"deviceId\" : \"([0-9a-f]{4})\",\\s*\"subsystemVendorId\" : \"[0-9a-f]{4}\",\\s*\"subsystemDeviceId\" : \"[0-9a-f]{4}\",\\s*\"class\" : \"(03[0-9a-f]{2})[0-9a-f]{2}\"");

    private static final Pattern VF_LIST = Pattern.compile("\"virtualFunctions\" : \\[([^\\]]*)\\]");

    @ParameterizedTest
    @ValueSource(strings = {"intel-gvtg-laptop", "nvidia-turing-desktop", "nvidia-vgpu17-server", "intel-flex-sriov", "amd-s7150-gim", "amd-v710-gim",
            "iommu-off", "cloud-h100-passthrough"})
    void lspciSeesTheSameGpus(String host)
            throws IOException, InterruptedException
    {
        Path lspci = Path.of("/usr/bin/lspci");
        if (!Files.isExecutable(lspci)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("lspci is missing in CI: .ci/run installs pciutils");
            }
            Assumptions.abort("lspci is not installed (apt-get install pciutils); skipping the lspci cross-check");
        }
        Path root = Path.of("../examples/hosts", host).toAbsolutePath().normalize();
        Process process = new ProcessBuilder(List.of(lspci.toString(), "-A", "linux-sysfs", "-O", "sysfs.path=" + root.resolve("sys/bus/pci"), "-n", "-D"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        StringBuilder fromLspci = new StringBuilder();
        for (String line : output.lines().toList()) {
            Matcher matcher = LSPCI_LINE.matcher(line);
            if (matcher.matches()) {
                fromLspci.append(matcher.group(1)).append(' ').append(matcher.group(2)).append(' ').append(matcher.group(3)).append(':').append(matcher.group(4)).append('\n');
            }
        }
        CliRun run = CliRun.of("--root", root.toString(), "gpus", "--json");
        // libvfio lists physical GPUs with their VFs under "sriov"; lspci lists every function.
        java.util.TreeSet<String> fromLibvfio = new java.util.TreeSet<>();
        Matcher matcher = JSON_GPU.matcher(run.out());
        while (matcher.find()) {
            fromLibvfio.add(matcher.group(1) + ' ' + matcher.group(4) + ' ' + matcher.group(2) + ':' + matcher.group(3));
        }
        Matcher vfs = VF_LIST.matcher(run.out());
        java.util.TreeSet<String> vfAddresses = new java.util.TreeSet<>();
        while (vfs.find()) {
            Matcher address = Pattern.compile("\"([0-9a-f:.]+)\"").matcher(vfs.group(1));
            while (address.find()) {
                vfAddresses.add(address.group(1));
            }
        }
        java.util.TreeSet<String> physical = new java.util.TreeSet<>();
        for (String line : fromLspci.toString().lines().toList()) {
            if (!vfAddresses.contains(line.substring(0, line.indexOf(' ')))) {
                physical.add(line);
            }
        }
        assertThat(fromLibvfio).isNotEmpty().isEqualTo(physical);
        assertThat(fromLspci.toString().lines().count()).isEqualTo(physical.size() + vfAddresses.size());
    }
}
