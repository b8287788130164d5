package io.libvfio.cli.command;

import io.libvfio.api.ErrorCategory;
import io.libvfio.cli.args.ParsedArguments;
import io.libvfio.runtime.VfioRuntime;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * What a command works with: its parsed arguments, the output streams, and the runtime, built
 * on first use so that help never touches the host.
 */
public final class Session
{
    private final ParsedArguments arguments;
    private final boolean json;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Supplier<VfioRuntime> runtime;
    private VfioRuntime created;
    private ErrorCategory outcome;

    public Session(ParsedArguments arguments, boolean json, PrintWriter out, PrintWriter err, Supplier<VfioRuntime> runtime)
    {
        this.arguments = requireNonNull(arguments, "arguments is null");
        this.json = json;
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.runtime = requireNonNull(runtime, "runtime is null");
    }

    public ParsedArguments arguments()
    {
        return arguments;
    }

    /** The host root the command works on ({@code --root}, default {@code /}), as given: for what is read before the runtime exists. */
    public Path root()
    {
        return Path.of(arguments.value("--root").orElse("/"));
    }

    public boolean json()
    {
        return json;
    }

    public PrintWriter out()
    {
        return out;
    }

    public PrintWriter err()
    {
        return err;
    }

    public VfioRuntime runtime()
    {
        if (created == null) {
            created = runtime.get();
        }
        return created;
    }

    /**
     * Ends the command with this category's exit code once its output is printed: for commands
     * whose answer is the exit code ({@code doctor}), not for errors, which are thrown.
     */
    public void exitWith(ErrorCategory category)
    {
        this.outcome = requireNonNull(category, "category is null");
    }

    /** The category {@link #exitWith} set, if any. */
    public Optional<ErrorCategory> outcome()
    {
        return Optional.ofNullable(outcome);
    }

    /** Prints a warning on stderr, keeping stdout for results. */
    public void warn(String message)
    {
        err.println("libvfio: warning: " + message);
        err.flush();
    }
}
