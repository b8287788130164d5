package io.libvfio.sample.mbochs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal QMP client for the nested-VM test: one command at a time, answers as raw JSON lines
 * (asynchronous events are skipped). Enough to ask QEMU whether it is running.
 */
final class QmpConnection
        implements AutoCloseable
{
    private final SocketChannel channel;
    private final BufferedReader in;

    private QmpConnection(SocketChannel channel)
    {
        this.channel = channel;
        this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
    }

    /** Connects once QEMU has made the socket (waits up to {@code seconds}), reads the greeting and enters command mode. */
    static QmpConnection open(Path socket, Process qemu, int seconds)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!Files.exists(socket)) {
            if (!qemu.isAlive()) {
                throw new IllegalStateException("QEMU exited with " + qemu.exitValue() + " before it opened " + socket);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("QEMU did not open " + socket + " in " + seconds + " s");
            }
            Thread.sleep(100);
        }
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        QmpConnection connection = new QmpConnection(channel);
        String greeting = connection.in.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            connection.close();
            throw new IllegalStateException("no QMP greeting on " + socket + ": " + greeting);
        }
        connection.execute("qmp_capabilities");
        return connection;
    }

    /** Runs a command without arguments; returns its answer line ({@code {"return": ...}} or {@code {"error": ...}}). */
    String execute(String command)
    {
        try {
            channel.write(ByteBuffer.wrap(("{\"execute\": \"" + command + "\"}\n").getBytes(StandardCharsets.UTF_8)));
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new IllegalStateException("QMP closed while waiting for the answer to " + command);
                }
                if (line.contains("\"return\"") || line.contains("\"error\"")) {
                    return line;
                }
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close()
            throws IOException
    {
        channel.close();
    }
}
