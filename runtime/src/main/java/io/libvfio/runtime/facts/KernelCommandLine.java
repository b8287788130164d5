package io.libvfio.runtime.facts;

import io.libvfio.api.spi.HostFs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Kernel parameters as the kernel parses them: words separated by spaces, double quotes around
 * a value with spaces, and everything after a lone {@code --} handed to init (not parameters).
 */
public record KernelCommandLine(List<String> parameters)
{
    public static final String PATH = "/proc/cmdline";

    public KernelCommandLine
    {
        parameters = List.copyOf(requireNonNull(parameters, "parameters is null"));
    }

    /** The running kernel's command line, or empty when {@code /proc/cmdline} does not exist under the root. */
    public static Optional<KernelCommandLine> read(HostFs fs)
    {
        return fs.read(PATH).map(KernelCommandLine::parse);
    }

    public static KernelCommandLine parse(String text)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '"') {
                quoted = !quoted;
                word.append(character);
                inWord = true;
            }
            else if (Character.isWhitespace(character) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(character);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        int end = words.indexOf("--");
        return new KernelCommandLine(end < 0 ? words : words.subList(0, end));
    }

    /** Whether the exact word ({@code iommu=pt}, {@code quiet}) is present. */
    public boolean has(String parameter)
    {
        return parameters.contains(parameter);
    }

    /**
     * The value of the last {@code name=value} (the kernel takes the last), without quotes; empty
     * when the name is absent or has no value. Names compare with {@code -} and {@code _} alike.
     */
    public Optional<String> value(String name)
    {
        String wanted = normalize(name);
        Optional<String> found = Optional.empty();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && normalize(parameter.substring(0, equals)).equals(wanted)) {
                found = Optional.of(unquote(parameter.substring(equals + 1)));
            }
        }
        return found;
    }

    /** Whether {@code name=value} is set, the last occurrence winning. */
    public boolean isSet(String name, String value)
    {
        return value(name).filter(value::equals).isPresent();
    }

    private static String normalize(String name)
    {
        return name.replace('-', '_');
    }

    private static String unquote(String value)
    {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    @Override
    public String toString()
    {
        return String.join(" ", parameters);
    }
}
