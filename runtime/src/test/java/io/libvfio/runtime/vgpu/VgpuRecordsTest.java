package io.libvfio.runtime.vgpu;

import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

final class VgpuRecordsTest
{
    @TempDir
    Path directory;

    private static final VgpuRecord PASSTHROUGH = new VgpuRecord("0000:01:00.0", "passthrough", GpuId.parse("0000:01:00.0"), "passthrough",
            Mechanism.PASSTHROUGH, Optional.of(PciAddress.parse("0000:01:00.0")), "/sys/bus/pci/devices/0000:01:00.0", "alice", 4242,
            Instant.parse("2026-12-07T19:00:00Z"), List.of(
                    new FunctionBinding(PciAddress.parse("0000:01:00.0"), 1, Optional.of("nvidia"), Optional.of("vfio-pci")),
                    new FunctionBinding(PciAddress.parse("0000:01:00.1"), 1, Optional.empty(), Optional.empty())));

    @Test
    void aRecordReadsBackAsWrittenAndLeavesNoTemporaryFile()
            throws IOException
    {
        VgpuRecords records = new VgpuRecords(directory.resolve("vgpus"));
        records.write(PASSTHROUGH);

        assertThat(records.all()).containsExactly(PASSTHROUGH);
        assertThat(records.find("0000:01:00.0")).contains(PASSTHROUGH);
        try (var files = Files.list(directory.resolve("vgpus"))) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("0000:01:00.0.json");
        }
        records.delete("0000:01:00.0");
        assertThat(records.all()).isEmpty();
    }

    @Test
    void aMalformedRecordIsAnErrorNamingTheFileAndKey()
            throws IOException
    {
        VgpuRecords records = new VgpuRecords(directory);
        records.write(PASSTHROUGH);
        Path file = directory.resolve("0000:01:00.0.json");
        Files.writeString(file, Files.readString(file).replace("\"PASSTHROUGH\"", "\"TELEPORT\""));

        VfioException failure = catchThrowableOfType(records::all, VfioException.class);
        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.ATTRIBUTE_MALFORMED);
        assertThat(failure.getMessage()).contains(file.toString(), "'mechanism'", "'TELEPORT'");

        Files.writeString(file, "{\"id\": ");
        VfioException truncated = catchThrowableOfType(records::all, VfioException.class);
        assertThat(truncated.getMessage()).contains(file.toString(), "line 1");
    }

    @Test
    void idsThatAreNeitherUuidsNorPciAddressesNeverBecomeFileNames()
    {
        VgpuRecords records = new VgpuRecords(directory);
        VfioException failure = catchThrowableOfType(() -> records.delete("../../etc/passwd"), VfioException.class);
        assertThat(failure.errorCode()).isEqualTo(StandardErrorCode.INVALID_ARGUMENT);
    }
}
