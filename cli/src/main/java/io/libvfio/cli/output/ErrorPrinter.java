package io.libvfio.cli.output;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.VfioException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a failure as one line on stderr ({@code libvfio: error: ...}), or as the JSON error
 * document under {@code --json}; a stack trace only with {@code --verbose}.
 */
public final class ErrorPrinter
{
    private ErrorPrinter()
    {
    }

    public static void error(VfioException error, boolean json, boolean verbose, PrintWriter out, PrintWriter err)
    {
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", error.errorCode().name());
            body.put("category", error.category().name());
            body.put("exitCode", error.category().exitCode());
            body.put("message", error.getMessage());
            body.put("errno", error.errno().map(Enum::name).orElse(null));
            Map<String, Object> document = Json.document();
            document.put("error", body);
            Json.print(out, document);
        }
        err.println("libvfio: error: " + error.getMessage());
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    public static void internal(Exception exception, boolean json, boolean verbose, PrintWriter out, PrintWriter err)
    {
        String message = "internal error: %s: %s".formatted(exception.getClass().getName(), exception.getMessage());
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", "INTERNAL_ERROR");
            body.put("category", ErrorCategory.INTERNAL.name());
            body.put("exitCode", ErrorCategory.INTERNAL.exitCode());
            body.put("message", message);
            body.put("errno", null);
            Map<String, Object> document = Json.document();
            document.put("error", body);
            Json.print(out, document);
        }
        err.println("libvfio: " + message + (verbose ? "" : " (run with --verbose for the stack trace)"));
        if (verbose) {
            StringWriter trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
    }
}
