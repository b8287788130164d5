package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One-shot write failures for rollback tests. A pattern with glob characters ({@code * ? [ {})
 * is a glob over the host path as the caller wrote it ({@code /sys/bus/pci/devices/*}{@code /sriov_numvfs},
 * {@code **}{@code /create}); any other pattern matches paths ending with it.
 */
final class FaultInjector
{
    private final List<Rule> rules = new ArrayList<>();

    private static final class Rule
    {
        private final String pattern;
        private final PathMatcher glob;
        private final Errno errno;
        private int remaining;

        Rule(String pattern, Errno errno, int nth)
        {
            this.pattern = pattern;
            this.glob = pattern.chars().anyMatch(character -> "*?[{".indexOf(character) >= 0)
                    ? FileSystems.getDefault().getPathMatcher("glob:" + pattern)
                    : null;
            this.errno = errno;
            this.remaining = nth;
        }

        boolean matches(String path)
        {
            return glob == null ? path.endsWith(pattern) : glob.matches(Path.of(path));
        }
    }

    /** The {@code nth} write from now (1 = the next) whose path matches fails with {@code errno}, once. */
    void failWrite(String pattern, Errno errno, int nth)
    {
        requireNonNull(pattern, "pattern is null");
        requireNonNull(errno, "errno is null");
        if (nth < 1) {
            throw new IllegalArgumentException("nth must be at least 1: " + nth);
        }
        rules.add(new Rule(pattern, errno, nth));
    }

    /** Counts this write against every rule; the errno of the first rule that fires, if any. */
    Optional<Errno> next(String path)
    {
        Errno fired = null;
        for (Iterator<Rule> iterator = rules.iterator(); iterator.hasNext(); ) {
            Rule rule = iterator.next();
            if (rule.matches(path)) {
                rule.remaining--;
                if (rule.remaining == 0) {
                    iterator.remove();
                    if (fired == null) {
                        fired = rule.errno;
                    }
                }
            }
        }
        return Optional.ofNullable(fired);
    }

    int pending()
    {
        return rules.size();
    }
}
