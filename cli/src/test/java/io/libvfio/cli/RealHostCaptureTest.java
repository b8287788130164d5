package io.libvfio.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.libvfio.testkit.PciFunctionSpec;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same code on a real machine and on a simulated copy of it: rebuilds the captured H100
 * machine ({@code examples/captures/h100-firecracker}) from its sysfs listing and checks that
 * {@code libvfio gpus --json} reports what it reported there.
 */
final class RealHostCaptureTest
{
    private static final Path CAPTURE = Path.of("../examples/captures/h100-firecracker");
    private static final List<String> COMPARED = List.of("address", "vendorId", "deviceId", "subsystemVendorId", "subsystemDeviceId", "class",
            "revision", "driver", "driverOverride", "numaNode", "localCpus", "iommuGroup", "bootVga", "backend", "verdict", "mechanisms", "reasons");

    @TempDir
    Path root;

    @Test
    void reportsWhatTheRealMachineReported()
            throws IOException
    {
        Map<String, String> real = firstGpu(Files.readString(CAPTURE.resolve("gpus.json")));
        SimulatedHost host = SimulatedHost.create(root, "console=ttyS0 quiet");
        host.writeAttribute("proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep hypervisor");
        for (String line : Files.readAllLines(CAPTURE.resolve("sysfs.txt"))) {
            Map<String, String> fields = fields(line);
            String address = line.substring(0, line.indexOf(' '));
            PciFunctionSpec spec = SimulatedHost.function(address)
                    .ids(Integer.decode(fields.get("vendor")), Integer.decode(fields.get("device")))
                    .classCode(Integer.decode(fields.get("class")))
                    .revision(Integer.decode(fields.get("rev")))
                    .numaNode(Integer.parseInt(fields.get("numa")))
                    .localCpus(fields.get("cpus"));
            if (address.equals(real.get("address"))) {
                spec.subsystem(Integer.parseInt(real.get("subsystemVendorId"), 16), Integer.parseInt(real.get("subsystemDeviceId"), 16));
            }
            if (!fields.get("drv").isEmpty()) {
                spec.driver(fields.get("drv"));
            }
            host.add(spec);
        }
        CliRun run = CliRun.of("--root", root.toString(), "gpus", "--json");
        assertThat(run.exitCode()).isZero();
        Map<String, String> simulated = firstGpu(run.out());
        for (String key : COMPARED) {
            assertThat(simulated.get(key)).as(key).isEqualTo(real.get(key));
        }
    }

    private static Map<String, String> fields(String line)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : line.substring(line.indexOf(' ') + 1).split(" ")) {
            int equals = part.indexOf('=');
            fields.put(part.substring(0, equals), part.substring(equals + 1));
        }
        return fields;
    }

    /** The first GPU's fields as text (arrays flattened to their JSON text). */
    private static Map<String, String> firstGpu(String json)
            throws IOException
    {
        Map<String, String> gpu = new LinkedHashMap<>();
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("gpus")) {
                    parser.nextToken();
                    parser.nextToken();
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                            StringBuilder text = new StringBuilder();
                            int depth = 0;
                            do {
                                if (parser.currentToken().isStructStart()) {
                                    depth++;
                                }
                                else if (parser.currentToken().isStructEnd()) {
                                    depth--;
                                }
                                text.append(parser.getText()).append(' ');
                                if (depth > 0) {
                                    parser.nextToken();
                                }
                            }
                            while (depth > 0);
                            gpu.put(name, text.toString());
                        }
                        else {
                            gpu.put(name, value == JsonToken.VALUE_NULL ? null : parser.getText());
                        }
                    }
                    return gpu;
                }
            }
        }
        throw new AssertionError("no gpus in " + json);
    }
}
