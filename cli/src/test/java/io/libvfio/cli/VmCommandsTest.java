package io.libvfio.cli;

import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.vm.StartResult;
import io.libvfio.runtime.vm.VmHost;
import io.libvfio.runtime.vm.VmStarter;
import io.libvfio.runtime.vm.gpu.VgpuServiceProvider;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code ps}, {@code stop} and {@code introspect} through the command line, with a real QEMU started by the runtime. */
final class VmCommandsTest
{
    @TempDir
    Path directory;

    private long pid;

    @AfterEach
    void killLeftover()
    {
        if (pid != 0) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void psOnAHostWithoutVmsSaysSoAndCreatesNothing()
            throws IOException
    {
        Path root = root();

        CliRun text = CliRun.of("--root", root.toString(), "ps");
        CliRun json = CliRun.of("--root", root.toString(), "ps", "--json");

        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("No VMs are running.");
        assertThat(json.out()).contains("\"schemaVersion\" : 1", "\"vms\" : [ ]");
        assertThat(root.resolve("run")).doesNotExist();
    }

    @Test
    void stoppingAnUnknownVmIsNotFoundAndABadTimeoutIsAUsageError()
            throws IOException
    {
        Path root = root();

        CliRun unknown = CliRun.of("--root", root.toString(), "stop", "nosuchvm");
        CliRun timeout = CliRun.of("--root", root.toString(), "stop", "nosuchvm", "--timeout", "soon");
        CliRun name = CliRun.of("--root", root.toString(), "stop", "../etc");

        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.err()).contains("no VM named nosuchvm is running");
        assertThat(timeout.exitCode()).isEqualTo(2);
        assertThat(timeout.err()).contains("--timeout soon");
        assertThat(name.exitCode()).isEqualTo(2);
        assertThat(name.err()).contains("invalid VM name '../etc'");
    }

    @Test
    void aRunningVmShowsInPsIsIntrospectedAndStops()
            throws IOException
    {
        assumeTrue(onPath("qemu-system-x86_64") || "true".equals(System.getenv("CI")), "qemu-system-x86_64 is not installed");
        Path root = root();
        VmHost host = VmHost.of(new RuntimeAssembly(RuntimeOptions.of(root)).runtime(), new VgpuServiceProvider(new RuntimeAssembly(RuntimeOptions.of(root)).runtime()));
        VmSpec spec = new VmSpec(new VmName("cli-vm"), new VmSpec.Machine(64, 1, 1, 1, true, VmSpec.Firmware.BIOS, false, VmSpec.Accel.TCG),
                new VmSpec.Storage(Optional.empty(), List.of(), Optional.empty(), VmSpec.DiskBus.VIRTIO),
                new VmSpec.Network(false, VmSpec.NicModel.VIRTIO, false, OptionalInt.empty(), List.of(), false),
                new VmSpec.Display(true, OptionalInt.empty(), false, OptionalInt.empty(), true),
                new VmSpec.Introspection(Optional.of(new io.libvfio.api.Resolution(1920, 1080)), false, VmSpec.Audio.SCREAM, false),
                List.of(), List.of(), VmSpec.Hooks.none(), directory.resolve("cli-vm.yaml"), Map.of());
        StartResult started = new VmStarter(host).start(spec, false, false);
        pid = started.pid().orElseThrow();

        CliRun ps = CliRun.of("--root", root.toString(), "ps");
        CliRun psJson = CliRun.of("--root", root.toString(), "ps", "--json");
        CliRun introspect = CliRun.of("--root", root.toString(), "introspect", "cli-vm", "--dry-run");
        CliRun stop = CliRun.of("--root", root.toString(), "stop", "cli-vm", "--force");
        CliRun after = CliRun.of("--root", root.toString(), "ps", "--json");

        assertThat(ps.exitCode()).isZero();
        assertThat(ps.out()).contains("cli-vm", Long.toString(pid), "tcg", "spice 127.0.0.1:" + started.ports().spice().getAsInt());
        assertThat(psJson.out()).contains("\"name\" : \"cli-vm\"", "\"pid\" : " + pid, "\"uptimeSeconds\"");
        assertThat(started.argv()).contains("memory-backend-file,id=looking-glass-mem,mem-path=" + root.resolve("dev/shm/libvfio-cli-vm-lg") + ",size=32M,share=on");
        assertThat(introspect.out()).contains("Would start: looking-glass-client -f " + root.resolve("dev/shm/libvfio-cli-vm-lg") + " -c 127.0.0.1 -p "
                + started.ports().spice().getAsInt(), "Would start: scream -m " + root.resolve("dev/shm/libvfio-cli-vm-scream"));
        assertThat(stop.exitCode()).isZero();
        assertThat(stop.out()).contains("Stopped cli-vm (pid " + pid + ")", "QEMU quit at once (--force)");
        assertThat(after.out()).contains("\"vms\" : [ ]");
        assertThat(root.resolve("dev/shm/libvfio-cli-vm-lg")).doesNotExist();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private Path root()
            throws IOException
    {
        Path root = directory.resolve("root");
        Files.createDirectories(root.resolve("sys/bus/pci/devices"));
        return root;
    }

    private static boolean onPath(String program)
    {
        for (String entry : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (new File(entry, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
