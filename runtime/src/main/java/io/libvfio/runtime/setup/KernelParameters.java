package io.libvfio.runtime.setup;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges wanted parameters into a kernel command line as a boot loader stores it: a parameter
 * already there stays; one whose name is there with another value ({@code intel_iommu=off}) gets
 * the wanted value in its place; the others are appended. Unchanged text comes back unchanged.
 */
final class KernelParameters
{
    private KernelParameters()
    {
    }

    /** Words separated by white space, double-quoted values kept whole. */
    static List<String> split(String text)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character == '"') {
                quoted = !quoted;
            }
            if (Character.isWhitespace(character) && !quoted) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            word.append(character);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** The parameters of {@code wanted} that {@code present} lacks exactly. */
    static List<String> missing(List<String> present, List<String> wanted)
    {
        List<String> missing = new ArrayList<>();
        for (String parameter : wanted) {
            if (!present.contains(parameter) && !missing.contains(parameter)) {
                missing.add(parameter);
            }
        }
        return missing;
    }

    /** {@code words} with each of {@code parameters} in place of a same-named word, or appended. */
    static List<String> merge(List<String> words, List<String> parameters)
    {
        List<String> merged = new ArrayList<>(words);
        for (String parameter : parameters) {
            if (merged.contains(parameter)) {
                continue;
            }
            int same = lastWithName(merged, name(parameter));
            if (same >= 0 && parameter.indexOf('=') > 0) {
                merged.set(same, parameter);
            }
            else {
                merged.add(parameter);
            }
        }
        return merged;
    }

    /** Merges into a command line held as text; returns the text itself when nothing is missing. */
    static String merge(String text, List<String> parameters)
    {
        List<String> words = split(text);
        if (missing(words, parameters).isEmpty()) {
            return text;
        }
        return String.join(" ", merge(words, parameters));
    }

    static String name(String parameter)
    {
        int equals = parameter.indexOf('=');
        return (equals < 0 ? parameter : parameter.substring(0, equals)).replace('-', '_');
    }

    private static int lastWithName(List<String> words, String name)
    {
        for (int index = words.size() - 1; index >= 0; index--) {
            String word = words.get(index);
            if (word.indexOf('=') > 0 && name(word).equals(name)) {
                return index;
            }
        }
        return -1;
    }
}
