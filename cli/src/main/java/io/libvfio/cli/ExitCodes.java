package io.libvfio.cli;

import io.libvfio.api.ErrorCategory;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documented process exit codes: 0 for success, one per {@link ErrorCategory}. {@code doctor}
 * answers with {@link ErrorCategory#NO_CAPACITY}'s code when the VM file's GPUs (or, without a
 * file, any GPU slice) cannot be had.
 */
final class ExitCodes
{
    static final int OK = 0;

    private ExitCodes()
    {
    }

    static int of(ErrorCategory category)
    {
        return category.exitCode();
    }

    /** The exit-code list of {@code --help}, in code order: the one place exit codes are documented. */
    static Map<String, String> helpList()
    {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("0", "success");
        Arrays.stream(ErrorCategory.values())
                .sorted(Comparator.comparingInt(ErrorCategory::exitCode))
                .forEach(category -> lines.put(Integer.toString(category.exitCode()), explanation(category)));
        return lines;
    }

    static String explanation(ErrorCategory category)
    {
        return switch (category) {
            case INTERNAL -> "internal error (a bug: please report it with --verbose output)";
            case USAGE -> "usage error: bad option, argument, PCI address or backend name";
            case NOT_FOUND -> "a named device, type or instance does not exist";
            case UNSUPPORTED -> "the hardware or backend cannot do this";
            case HOST -> "host error: the root is missing, unreadable, malformed or not ready";
            case PERMISSION -> "permission denied by the kernel or file system";
            case CONFLICT -> "conflict: the device is busy or already exists";
            case CONFIG -> "invalid configuration file";
            case NO_CAPACITY -> "no free GPU slice satisfies the request";
        };
    }
}
