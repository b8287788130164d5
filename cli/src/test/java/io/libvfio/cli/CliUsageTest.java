package io.libvfio.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.libvfio.api.ErrorCategory;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

final class CliUsageTest
{
    @TempDir
    Path root;

    @Test
    void helpListsCommandsOptionsAndEveryExitCode()
    {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: libvfio [OPTIONS] COMMAND [ARGS]", "gpus", "types", "backends", "create", "destroy", "vgpus", "hint", "plan", "doctor", "setup",
                "config", "ls", "start", "stop", "ps", "introspect", "gvm-profiles", "completion", "--root DIR", "--plugins DIR[:DIR]", "--json");
        for (ErrorCategory category : ErrorCategory.values()) {
            assertThat(run.out()).containsPattern("(?m)^  " + category.exitCode() + " +" + java.util.regex.Pattern.quote(ExitCodes.explanation(category)));
        }
        assertThat(run.err()).isEmpty();
    }

    @Test
    void everyCommandHasHelp()
    {
        for (String command : new String[] {"gpus", "types", "backends", "create", "destroy", "vgpus", "hint", "plan", "doctor", "setup", "config", "ls",
                "start", "stop", "ps", "introspect", "gvm-profiles", "completion"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("Usage: libvfio " + command);
        }
        assertThat(CliRun.of("types", "-h").out()).contains("Arguments:", "GPU");
        assertThat(CliRun.of("create", "--help").out()).contains("--gpu BDF", "--type ID", "--uuid UUID", "--force", "--dry-run");
        assertThat(CliRun.of("destroy", "--help").out()).contains("ID", "--dry-run");
        assertThat(CliRun.of("config", "--help").out()).startsWith("Usage: libvfio config [OPTIONS] ACTION [FILE...]").contains("--native");
    }

    @Test
    void versionNamesTheToolAndJava()
    {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("libvfio ").contains("Java 17");
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrorsWithASuggestion()
    {
        CliRun command = CliRun.of("gpu");
        assertThat(command.exitCode()).isEqualTo(2);
        assertThat(command.err()).contains("libvfio: error: unknown command 'gpu'; did you mean 'gpus'?");
        assertThat(command.out()).isEmpty();
        CliRun option = CliRun.of("gpus", "--rot", "/");
        assertThat(option.exitCode()).isEqualTo(2);
        assertThat(option.err()).contains("unknown option '--rot'; did you mean '--root'?");
        CliRun missing = CliRun.of("gpus", "--root");
        assertThat(missing.err()).contains("option --root needs a value (DIR)");
        assertThat(CliRun.of("gpus", "extra").err()).contains("gpus: unexpected argument 'extra'");
    }

    @Test
    void aMissingRootIsAHostErrorWithoutAStackTrace()
    {
        CliRun run = CliRun.of("--root", root.resolve("nope").toString(), "gpus");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).isEqualTo("libvfio: error: --root " + root.resolve("nope") + ": no such directory\n");
    }

    @Test
    void aNonSysfsRootIsNamed()
    {
        CliRun run = CliRun.of("gpus", "--root", root.toString());
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("not a Linux root").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void verboseAddsTheStackTrace()
    {
        CliRun run = CliRun.of("gpus", "--root", root.toString(), "--verbose");
        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("io.libvfio.api.VfioException").contains("\tat ");
    }

    @Test
    void aMalformedPciAddressIsAUsageError()
    {
        SimulatedHost.create(root, "quiet");
        CliRun run = CliRun.of("--root", root.toString(), "types", "0000:zz:00.0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("invalid PCI address '0000:zz:00.0'");
    }

    @Test
    void anUnknownBackendIsAUsageError()
    {
        SimulatedHost.create(root, "quiet");
        CliRun run = CliRun.of("--root", root.toString(), "--backend", "nosuch", "gpus");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown backend 'nosuch'; known backends: ");
    }

    @Test
    void jsonErrorsAreOneDocumentOnStdout()
            throws IOException
    {
        CliRun run = CliRun.of("gpus", "--json", "--root", root.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(5);
        try (JsonParser parser = new JsonFactory().createParser(run.out())) {
            assertThat(parser.nextToken()).isNotNull();
            parser.skipChildren();
            assertThat(parser.nextToken()).isNull();
        }
        assertThat(run.out()).contains("\"schemaVersion\" : 1", "\"category\" : \"HOST\"", "\"exitCode\" : 5", "\"code\" : \"ROOT_NOT_A_HOST\"");
    }

    @Test
    void completionCoversCommandsAndOptions()
    {
        CliRun run = CliRun.of("completion");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -o default -F _libvfio libvfio",
                "gpus|types|backends|create|destroy|vgpus|hint|plan|doctor|setup|config|ls|start|stop|ps|introspect|gvm-profiles|completion",
                "--root)", "--plugins)", "compgen -d", "--matrix", "--apply", "--dry-run", "--gpu", "--disable-gpu", "--timeout");
    }
}
