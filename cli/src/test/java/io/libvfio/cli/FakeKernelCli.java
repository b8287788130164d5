package io.libvfio.cli;

import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.testkit.FakeKernel;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * The real command line over a fake kernel: {@link Cli} with every host access going to a
 * {@link FakeKernel} over the simulated host named by {@code --root}, so writes react as the
 * kernel's do. In-process for tests ({@link #run}), or as a process ({@link #main}) for the tests
 * that start many at once.
 */
final class FakeKernelCli
{
    private final FakeKernel kernel;

    FakeKernelCli(FakeKernel kernel)
    {
        this.kernel = kernel;
    }

    CliRun run(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new Cli(new OverKernel(kernel)).execute(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exitCode, out.toString(), err.toString());
    }

    /** {@code FakeKernelCli ROOT ARGS...}: runs the command line with {@code --root ROOT} over a fake kernel of that tree. */
    public static void main(String[] args)
    {
        FakeKernel kernel = FakeKernel.on(java.nio.file.Path.of(args[0]));
        String[] rest = new String[args.length + 1];
        rest[0] = "--root";
        System.arraycopy(args, 0, rest, 1, args.length);
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exitCode = new Cli(new OverKernel(kernel)).execute(rest, out, err);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    private static final class OverKernel
            implements Function<RuntimeOptions, RuntimeAssembly>
    {
        private final FakeKernel kernel;

        OverKernel(FakeKernel kernel)
        {
            this.kernel = kernel;
        }

        @Override
        public RuntimeAssembly apply(RuntimeOptions options)
        {
            return new RuntimeAssembly(options)
            {
                @Override
                protected HostFs createHostFs(HostPaths paths)
                {
                    return kernel;
                }
            };
        }
    }
}
