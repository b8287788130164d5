package io.libvfio.cli;

import io.libvfio.api.spi.UndoLog;
import io.libvfio.runtime.host.DetachedLauncher;
import io.libvfio.runtime.vm.qmp.QmpClient;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.state.VmState;
import io.libvfio.runtime.vm.state.VmStateStore;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The part of the class-data-sharing training that a dry run cannot reach: what {@code start}
 * does once it starts QEMU. It starts a short-lived program detached (the process classes, and
 * libc through JNA for {@link io.libvfio.runtime.host.NativeExit}), talks QMP to an in-process
 * server that answers as QEMU does, and records the state of a VM whose process is gone, which
 * the training's {@code ps} then reconciles. Best effort: a class missed here is only loaded a
 * little later.
 */
final class CdsStartTraining
{
    private CdsStartTraining()
    {
    }

    /** Trains with {@code scratch} as work directory and {@code states} as the VM state directory of the scratch root. */
    static void run(Path scratch, Path states)
    {
        try {
            ProcessHandle started = new DetachedLauncher().start(List.of("true"), scratch.resolve("true.log"));
            started.info().startInstant();
            started.onExit().join();
        }
        catch (RuntimeException e) {
            // no 'true' on the PATH: the launch classes are loaded a little later
        }
        UndoLog undo = new UndoLog();
        undo.record("nothing", new Nothing());
        undo.commit();
        try {
            qmp(scratch.resolve("qmp.sock"));
        }
        catch (IOException | RuntimeException e) {
            // best effort
        }
        try (VmStateStore.Lock ignored = new VmStateStore(states).lock()) {
            VmStateStore store = new VmStateStore(states);
            Instant now = Instant.now();
            store.write(new VmState(new VmName("cds-training"), new UUID(1, 2), Long.MAX_VALUE, now, now, scratch.resolve("tiny.yaml"),
                    scratch.resolve("qmp.sock"), "tcg", new VmPorts(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), List.of()),
                    List.of(), List.of(scratch.resolve("qmp.sock")), Optional.empty(), Optional.empty(), List.of(), List.of("qemu-system-x86_64")));
        }
        catch (RuntimeException e) {
            // best effort
        }
    }

    /** {@code start}'s QMP conversation (greeting, capabilities, status, KVM, vCPU threads, quit) against an in-process server. */
    private static void qmp(Path socket)
            throws IOException
    {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread qemu = new Thread(new FakeQmp(server), "cds-qmp");
            qemu.setDaemon(true);
            qemu.start();
            try (QmpClient client = QmpClient.connect(socket)) {
                client.status();
                client.kvmEnabled();
                client.vcpuThreads();
                client.quit();
            }
            qemu.join(5_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            java.nio.file.Files.deleteIfExists(socket);
        }
    }

    /** An undo step that does nothing: the undo log's classes are on the start path. */
    private static final class Nothing
            implements Runnable
    {
        @Override
        public void run()
        {
        }
    }

    /** Answers one QMP connection as QEMU does, with an event before the first reply. */
    private static final class FakeQmp
            implements Runnable
    {
        private final ServerSocketChannel server;

        FakeQmp(ServerSocketChannel server)
        {
            this.server = server;
        }

        @Override
        public void run()
        {
            try (SocketChannel client = server.accept()) {
                send(client, "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}, \"package\": \"\"}, \"capabilities\": [\"oob\"]}}");
                ByteBuffer buffer = ByteBuffer.allocate(4096);
                StringBuilder line = new StringBuilder();
                boolean first = true;
                while (client.read(buffer) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        char next = (char) buffer.get();
                        if (next != '\n') {
                            line.append(next);
                            continue;
                        }
                        if (first) {
                            send(client, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"RESUME\"}");
                            first = false;
                        }
                        String command = line.toString();
                        line.setLength(0);
                        send(client, answer(command));
                        if (command.contains("\"quit\"")) {
                            return;
                        }
                    }
                    buffer.clear();
                }
            }
            catch (IOException e) {
                // the client went away
            }
        }

        private static String answer(String command)
        {
            if (command.contains("query-status")) {
                return "{\"return\": {\"status\": \"running\", \"singlestep\": false, \"running\": true}}";
            }
            if (command.contains("query-kvm")) {
                return "{\"return\": {\"enabled\": false, \"present\": false}}";
            }
            if (command.contains("query-cpus-fast")) {
                return "{\"return\": [{\"thread-id\": 4242, \"props\": {\"core-id\": 0, \"thread-id\": 0, \"socket-id\": 0}, \"qom-path\": \"/machine/unattached/device[0]\", \"cpu-index\": 0, \"target\": \"x86_64\"}]}";
            }
            return "{\"return\": {}}";
        }

        private static void send(SocketChannel client, String message)
                throws IOException
        {
            ByteBuffer out = ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                client.write(out);
            }
        }
    }
}
