package io.libvfio.runtime.vm;

import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.state.VmState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lifecycle against real QEMU under TCG: start until QMP says running, ps, graceful ACPI
 * stop of a tiny Linux guest, forced stop of a guest that ignores ACPI, reconcile after SIGKILL,
 * two VMs at once, and QEMU's own message when it refuses to start.
 */
final class VmLifecycleQemuTest
{
    @TempDir
    Path directory;

    private VmHost host;
    private final List<Long> started = new ArrayList<>();

    @BeforeEach
    void setUp()
            throws IOException
    {
        host = TestVms.host(TestVms.emptyRoot(directory.resolve("root")), new NoVgpus());
    }

    @AfterEach
    void killLeftovers()
    {
        for (long pid : started) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private StartResult start(VmSpec spec)
    {
        StartResult result = new VmStarter(host).start(spec, false, false);
        started.add(result.pid().orElseThrow());
        return result;
    }

    @Test
    void startsUntilRunningShowsInPsAndForceStopLeavesNothing()
    {
        StartResult result = start(TestVms.bare("tiny", directory.resolve("tiny.yaml")));

        assertThat(result.pid()).isPresent();
        assertThat(ProcessHandle.of(result.pid().getAsLong())).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
        assertThat(result.argv()).contains("-machine").startsWith(RealQemu.QEMU);
        List<RunningVm> running = new RunningVms(host).list(new ArrayList<>());
        assertThat(running).extracting(vm -> vm.state().name().value()).containsExactly("tiny");
        assertThat(running.get(0).state().pid()).isEqualTo(result.pid().getAsLong());

        StopResult stop = new VmStopper(host).stop(new VmName("tiny"), Duration.ofSeconds(30), true);

        assertThat(stop.how()).isEqualTo("quit");
        assertThat(new RunningVms(host).list(new ArrayList<>())).isEmpty();
        assertThat(result.qmpSocket()).doesNotExist();
        assertThat(host.store().file(new VmName("tiny"))).doesNotExist();
    }

    @Test
    void aGuestThatIgnoresAcpiIsQuitAfterTheTimeout()
    {
        start(TestVms.bare("deaf", directory.resolve("deaf.yaml")));

        StopResult stop = new VmStopper(host).stop(new VmName("deaf"), Duration.ofMillis(1500), false);

        assertThat(stop.how()).isEqualTo("quit");
        assertThat(stop.took()).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(new RunningVms(host).list(new ArrayList<>())).isEmpty();
    }

    @Test
    void aKilledQemuIsCleanedUpByTheNextPs()
            throws Exception
    {
        StartResult result = start(TestVms.bare("victim", directory.resolve("victim.yaml")));
        ProcessHandle qemu = ProcessHandle.of(result.pid().getAsLong()).orElseThrow();
        assertThat(result.qmpSocket()).exists();

        qemu.destroyForcibly();
        qemu.onExit().get();
        List<String> notes = new ArrayList<>();
        List<RunningVm> running = new RunningVms(host).list(notes);

        assertThat(running).isEmpty();
        assertThat(notes).singleElement().asString().contains("VM victim (pid " + result.pid().getAsLong() + ") is no longer running");
        assertThat(result.qmpSocket()).doesNotExist();
        assertThat(host.store().file(new VmName("victim"))).doesNotExist();
    }

    @Test
    void twoVmsRunAtOnceWithDistinctPorts()
    {
        StartResult first = start(TestVms.withSpice(TestVms.bare("one", directory.resolve("one.yaml"))));
        StartResult second = start(TestVms.withSpice(TestVms.bare("two", directory.resolve("two.yaml"))));

        assertThat(first.ports().spice()).isPresent();
        assertThat(second.ports().spice()).isPresent();
        assertThat(first.ports().spice()).isNotEqualTo(second.ports().spice());
        assertThat(second.argv()).contains("port=" + second.ports().spice().getAsInt() + ",addr=127.0.0.1,disable-ticketing=on");
        assertThat(new RunningVms(host).list(new ArrayList<>())).extracting(vm -> vm.state().name().value()).containsExactly("one", "two");
        new VmStopper(host).stop(new VmName("one"), Duration.ZERO, true);
        new VmStopper(host).stop(new VmName("two"), Duration.ZERO, true);
    }

    @Test
    void aSecondStartOfTheSameVmIsRefused()
    {
        VmSpec spec = TestVms.bare("twice", directory.resolve("twice.yaml"));
        start(spec);

        assertThatThrownBy(() -> new VmStarter(host).start(spec, false, false))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("VM twice is already running");
        new VmStopper(host).stop(new VmName("twice"), Duration.ZERO, true);
    }

    @Test
    void qemusOwnMessageIsInTheErrorWhenItRefusesToStart()
    {
        VmSpec spec = TestVms.withRaw(TestVms.bare("broken", directory.resolve("broken.yaml")), List.of("-device", "no-such-device"), 64);

        assertThatThrownBy(() -> new VmStarter(host).start(spec, false, false))
                .isInstanceOf(VfioException.class)
                .hasMessageContaining("QEMU exited while starting")
                .hasMessageContaining("no-such-device");
        assertThat(host.store().file(new VmName("broken"))).doesNotExist();
        assertThat(new RunningVms(host).list(new ArrayList<>())).isEmpty();
    }

    @Test
    void aTinyLinuxGuestPowersOffOnTheAcpiButton()
            throws Exception
    {
        RealQemu.Kernel kernel = RealQemu.requireKernel();
        Path initramfs = TinyGuest.initramfs(directory, kernel, true);
        VmSpec spec = TestVms.withRaw(TestVms.bare("linux", directory.resolve("linux.yaml")), TinyGuest.bootArguments(kernel, initramfs), 256);
        StartResult result = start(spec);
        Path console = result.log().resolveSibling("console.log");
        awaitConsole(console, TinyGuest.READY, Duration.ofSeconds(240));

        StopResult stop = new VmStopper(host).stop(new VmName("linux"), Duration.ofSeconds(120), false);

        assertThat(stop.how()).isEqualTo("powered-off");
        assertThat(Files.readString(console, StandardCharsets.UTF_8)).contains("libvfio-guest-poweroff");
        assertThat(host.store().file(new VmName("linux"))).doesNotExist();
        assertThat(result.qmpSocket()).doesNotExist();
    }

    private static void awaitConsole(Path console, String text, Duration timeout)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(console) && Files.readString(console, StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the guest did not print '" + text + "' within " + timeout + "; console: "
                + (Files.exists(console) ? Files.readString(console, StandardCharsets.ISO_8859_1) : "(none)"));
    }

    @SuppressWarnings("unused")
    private static List<VmState> states(VmHost host)
    {
        return host.store().list(new ArrayList<>());
    }
}
