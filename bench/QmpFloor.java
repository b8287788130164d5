import java.io.File;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The floor of any JVM front-end for bench/vmstart.sh: starts a QEMU argv with ProcessBuilder
 * and polls its QMP socket until query-status says running, then exits, and nothing else (no
 * configuration, no checks, no records). QEMU is started through `setsid --fork`, so that no
 * child of this JVM is left for its exit to wait on.
 *
 * usage: java QmpFloor QMP_SOCKET QEMU_ARGV...
 */
public final class QmpFloor
{
    private QmpFloor()
    {
    }

    public static void main(String[] args)
            throws IOException, InterruptedException
    {
        Path socket = Path.of(args[0]);
        List<String> command = new ArrayList<>(List.of("setsid", "--fork"));
        command.addAll(Arrays.asList(args).subList(1, args.length));
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer buffer = ByteBuffer.allocate(8192).flip();
                readLine(channel, buffer);
                command(channel, buffer, "qmp_capabilities");
                while (true) {
                    if (command(channel, buffer, "query-status").replace(" ", "").contains("\"status\":\"running\"")) {
                        return;
                    }
                }
            }
            catch (IOException e) {
                Thread.sleep(1);
            }
        }
        System.exit(1);
    }

    /** Sends a command and returns its reply, skipping events. */
    private static String command(SocketChannel channel, ByteBuffer buffer, String name)
            throws IOException
    {
        ByteBuffer out = ByteBuffer.wrap(("{\"execute\":\"" + name + "\"}\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        while (true) {
            String line = readLine(channel, buffer);
            if (!line.contains("\"event\"")) {
                return line;
            }
        }
    }

    private static String readLine(SocketChannel channel, ByteBuffer buffer)
            throws IOException
    {
        StringBuilder line = new StringBuilder();
        while (true) {
            if (!buffer.hasRemaining()) {
                buffer.clear();
                int read = channel.read(buffer);
                buffer.flip();
                if (read < 0) {
                    throw new IOException("QMP closed");
                }
            }
            char next = (char) buffer.get();
            if (next == '\n') {
                return line.toString();
            }
            line.append(next);
        }
    }
}
