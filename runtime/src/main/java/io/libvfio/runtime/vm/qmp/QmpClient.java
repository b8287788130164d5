package io.libvfio.runtime.vm.qmp;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A QEMU Machine Protocol client over the VM's unix socket: reads the greeting, negotiates
 * capabilities, and sends commands one at a time. Asynchronous events that arrive in between
 * are kept ({@link #events()}); an {@code error} reply becomes a {@link VfioException} with
 * QEMU's own description.
 */
public final class QmpClient
        implements Closeable
{
    private final Path socket;
    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<Map<String, Object>> events = new ArrayList<>();

    private QmpClient(Path socket, SocketChannel channel)
    {
        this.socket = socket;
        this.channel = channel;
        buffer.flip();
    }

    /** Connects, reads the greeting and leaves capabilities negotiation mode. */
    public static QmpClient connect(Path socket)
            throws IOException
    {
        requireNonNull(socket, "socket is null");
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            QmpClient client = new QmpClient(socket, channel);
            Map<String, Object> greeting = client.readMessage();
            if (!greeting.containsKey("QMP")) {
                throw new IOException("no QMP greeting on " + socket);
            }
            client.execute("qmp_capabilities");
            return client;
        }
        catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** {@code query-status}: {@code running}, {@code paused}, {@code shutdown}, ... */
    public String status()
            throws IOException
    {
        Object reply = execute("query-status");
        return reply instanceof Map<?, ?> map ? String.valueOf(map.get("status")) : "unknown";
    }

    /** Presses the ACPI power button. */
    public void systemPowerdown()
            throws IOException
    {
        execute("system_powerdown");
    }

    /** Ends QEMU at once (no guest shutdown). */
    public void quit()
            throws IOException
    {
        execute("quit");
    }

    /** The host thread id of each vCPU, by vCPU index ({@code query-cpus-fast}). */
    public List<Long> vcpuThreads()
            throws IOException
    {
        List<Long> threads = new ArrayList<>();
        if (execute("query-cpus-fast") instanceof List<?> cpus) {
            for (Object cpu : cpus) {
                if (cpu instanceof Map<?, ?> map && map.get("thread-id") instanceof Long thread) {
                    threads.add(thread);
                }
            }
        }
        return threads;
    }

    /** Whether the VM really runs on KVM ({@code query-kvm}: enabled). */
    public boolean kvmEnabled()
            throws IOException
    {
        return execute("query-kvm") instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("enabled"));
    }

    /** Events received so far ({@code SHUTDOWN}, {@code POWERDOWN}, ...), oldest first. */
    public List<Map<String, Object>> events()
    {
        return List.copyOf(events);
    }

    /** Sends one command without arguments and returns its {@code return} value. */
    public Object execute(String command)
            throws IOException
    {
        write("{\"execute\":\"" + command + "\"}\n");
        while (true) {
            Map<String, Object> message = readMessage();
            if (message.containsKey("event")) {
                events.add(message);
                continue;
            }
            if (message.get("error") instanceof Map<?, ?> error) {
                throw new VfioException(StandardErrorCode.COMMAND_FAILED, "QEMU refused " + command + ": " + error.get("desc"));
            }
            return message.get("return");
        }
    }

    private void write(String text)
            throws IOException
    {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readMessage()
            throws IOException
    {
        line.reset();
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int read = channel.read(buffer);
                buffer.flip();
                if (read < 0) {
                    throw new IOException("QEMU closed the QMP socket " + socket);
                }
            }
            byte next = buffer.get();
            if (next == '\n') {
                Object value = JsonValues.parse(line.toString(StandardCharsets.UTF_8));
                if (value instanceof Map<?, ?> map) {
                    return (Map<String, Object>) map;
                }
                throw new IOException("QMP sent a non-object message: " + line.toString(StandardCharsets.UTF_8));
            }
            line.write(next);
        }
    }

    @Override
    public void close()
            throws IOException
    {
        channel.close();
    }
}
