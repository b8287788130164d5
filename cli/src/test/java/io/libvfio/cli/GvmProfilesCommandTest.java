package io.libvfio.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code libvfio gvm-profiles}: the shipped profiles as a table and as JSON, and a broken file's one-line error. */
final class GvmProfilesCommandTest
{
    private static final String SHIPPED = "../backend-nvidia-gvm/src/test/resources/gvm-examples/";

    @TempDir
    Path directory;

    @Test
    void theShippedProfilesShowTheirTypesAndFramebuffers()
    {
        CliRun run = CliRun.of("gvm-profiles", SHIPPED + "mdev-gpu/Open_vAmpere.yaml", SHIPPED + "gvm-user/generic.toml");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^FILE +FORMAT +TYPE +NAME +CLASS +FRAMEBUFFER +GUEST +INSTANCES +HEADS +MAX RESOLUTION$");
        assertThat(run.out()).containsPattern("Open_vAmpere.yaml:5 +mdev-gpu yaml +nvidia-529 +Open vAmpere +Compute +40960 MiB +38336 MiB +1 +4 +1920x1080");
        assertThat(run.out()).containsPattern("generic.toml:5 +gvm-user toml +nvidia-22 +GVM GPU +Compute +1024 MiB +896 MiB +1 +1 +3840x2160");
        assertThat(run.err()).contains("libvfio: warning: " + SHIPPED + "gvm-user/generic.toml:16: map_video_size read as map_vid_size");
    }

    @Test
    void jsonIsOneDocumentWithEveryType()
            throws IOException
    {
        CliRun run = CliRun.of("--json", "gvm-profiles", SHIPPED + "gvm-user/Open_vTuring.toml");

        assertThat(run.exitCode()).isZero();
        List<String> types = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(run.out())) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && parser.currentName().equals("type")) {
                    types.add(parser.nextTextValue());
                }
            }
        }
        assertThat(types).containsExactly("nvidia-1", "nvidia-2", "nvidia-3");
        assertThat(run.out()).containsPattern("\"schemaVersion\" ?: ?1").containsPattern("\"framebufferMib\" ?: ?1024")
                .containsPattern("\"format\" ?: ?\"gvm-user toml\"");
    }

    @Test
    void aBrokenProfileIsOneLineNamingFileLineAndKeyWithExitCode8()
            throws IOException
    {
        Path file = directory.resolve("broken.toml");
        Files.writeString(file, "[[config]]\n[[config.request]]\nnum = 3\nfb_len = 1\nfb_res = 0\nmax_instances = 1\nnum_heads = 4\n");

        CliRun run = CliRun.of("gvm-profiles", file.toString());

        assertThat(run.exitCode()).isEqualTo(8);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("libvfio: error: " + file + ":7: num_heads: unknown key in [[config.request]] (known here: num, name,")
                .doesNotContain("Exception");
        assertThat(CliRun.of("gvm-profiles", directory.resolve("missing.yaml").toString()).exitCode()).isEqualTo(8);
        assertThat(CliRun.of("gvm-profiles").exitCode()).as("no file").isEqualTo(2);
    }
}
