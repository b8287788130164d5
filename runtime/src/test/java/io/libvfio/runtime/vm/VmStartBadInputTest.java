package io.libvfio.runtime.vm;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.host.CpuAffinity;
import io.libvfio.runtime.host.DetachedLauncher;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.LibcAttributeWriter;
import io.libvfio.runtime.host.LocalHostFs;
import io.libvfio.runtime.host.ProcessCommandRunner;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.vm.spec.VmSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input stops a start before anything runs, naming the file, line, column and key where the value came from. */
final class VmStartBadInputTest
{
    @TempDir
    Path directory;

    private VmHost host;

    @BeforeEach
    void setUp()
            throws IOException
    {
        Path root = TestVms.emptyRoot(directory.resolve("root"));
        HostPaths paths = HostPaths.of(root);
        host = new VmHost(paths, new LocalHostFs(paths, new LibcAttributeWriter()), RuntimeDirectories.forRoot(root), new ProcessCommandRunner(),
                new DetachedLauncher(), new CpuAffinity(), new NoVgpus(), () -> { throw new AssertionError("no inventory needed"); },
                Clock.systemUTC(), "/nonexistent/qemu");
    }

    private VmSpec located(VmSpec spec)
    {
        return new VmSpec(spec.name(), spec.machine(), spec.storage(), spec.network(), spec.display(), spec.introspection(), spec.gpus(),
                spec.rawArguments(), spec.hooks(), spec.source(), Map.of("spice", "vm.yaml:12:14", "installIso", "vm.yaml:20:8"));
    }

    @Test
    void aMissingIsoIsNamedWithItsLine()
    {
        VmSpec spec = located(TestVms.bare("iso", Path.of("vm.yaml")).withStorage(
                new VmSpec.Storage(Optional.empty(), List.of(), Optional.of(directory.resolve("missing.iso")), VmSpec.DiskBus.SATA)));

        assertThatThrownBy(() -> new VmStarter(host).start(spec, false, false))
                .isInstanceOfSatisfying(VfioException.class, error -> assertThat(error.category()).isEqualTo(ErrorCategory.NOT_FOUND))
                .hasMessage("vm.yaml:20:8: installIso: no ISO image " + directory.resolve("missing.iso"));
        assertThat(host.store().directory()).doesNotExist();
    }

    @Test
    void aPortInUseIsNamedWithItsLine()
            throws IOException
    {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = busy.getLocalPort();
            VmSpec spec = located(TestVms.bare("ports", Path.of("vm.yaml")).withDisplay(new VmSpec.Display(true, OptionalInt.of(port), false, OptionalInt.empty(), true)));

            assertThatThrownBy(() -> new VmStarter(host).start(spec, true, false))
                    .isInstanceOfSatisfying(VfioException.class, error -> assertThat(error.category()).isEqualTo(ErrorCategory.CONFLICT))
                    .hasMessageStartingWith("vm.yaml:12:14: spice: port " + port + " is already in use on 127.0.0.1");
        }
        assertThat(Files.list(host.store().directory())).noneMatch(file -> file.toString().endsWith(".json"));
    }

    @Test
    void theDryRunPrintsThePlanAndStartsNothing()
    {
        StartResult result = new VmStarter(host).start(TestVms.withSpice(TestVms.bare("plan", Path.of("vm.yaml"))), true, false);

        assertThat(result.dryRun()).isTrue();
        assertThat(result.pid()).isEmpty();
        assertThat(result.argv()).startsWith("/nonexistent/qemu").contains("-machine", "q35,accel=tcg,vmport=off,dump-guest-core=off");
        assertThat(result.writes()).last().asString().startsWith("write ").endsWith("plan.json (VM state)");
        assertThat(host.store().file(new io.libvfio.runtime.vm.spec.VmName("plan"))).doesNotExist();
    }
}
