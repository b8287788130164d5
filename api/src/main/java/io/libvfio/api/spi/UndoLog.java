package io.libvfio.api.spi;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.ArrayDeque;
import java.util.Deque;

import static java.util.Objects.requireNonNull;

/**
 * The undo actions of one operation that changes the host, so that a failure part-way leaves
 * the host as it was. Record the undo of each step right after the step succeeds; on failure
 * call {@link #rollback}, which runs them newest first and keeps going when one fails; on
 * success call {@link #commit}.
 *
 * <pre>{@code
 * UndoLog undo = new UndoLog();
 * try {
 *     fs.write(create, uuid);
 *     undo.record("remove mdev " + uuid, () -> fs.write(remove(uuid), "1"));
 *     ...
 *     undo.commit();
 * }
 * catch (RuntimeException e) {
 *     throw undo.rollback(e);
 * }
 * }</pre>
 */
public final class UndoLog
{
    private final Deque<Step> steps = new ArrayDeque<>();
    private boolean closed;

    private record Step(String description, Runnable action)
    {
    }

    /** Remembers how to undo the step that just succeeded. */
    public void record(String description, Runnable undo)
    {
        requireNonNull(description, "description is null");
        requireNonNull(undo, "undo is null");
        if (closed) {
            throw new IllegalStateException("undo log already committed or rolled back");
        }
        steps.push(new Step(description, undo));
    }

    /** The operation succeeded: forget the undo actions. */
    public void commit()
    {
        steps.clear();
        closed = true;
    }

    /** How many undo actions are recorded. */
    public int size()
    {
        return steps.size();
    }

    /**
     * Undoes every recorded step, newest first, and returns {@code failure} for the caller to
     * throw. An undo that fails is added to it as a suppressed exception naming the step; the
     * remaining steps still run.
     */
    public <E extends Throwable> E rollback(E failure)
    {
        requireNonNull(failure, "failure is null");
        closed = true;
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.action().run();
            }
            catch (RuntimeException e) {
                VfioException undoFailed = new VfioException(StandardErrorCode.HOST_WRITE_FAILED,
                        "could not undo '%s': %s".formatted(step.description(), e.getMessage()), e);
                if (failure != e) {
                    failure.addSuppressed(undoFailed);
                }
            }
        }
        return failure;
    }
}
