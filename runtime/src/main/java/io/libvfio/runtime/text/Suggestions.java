package io.libvfio.runtime.text;

import java.util.List;

/** "Did you mean" hints by edit distance. */
public final class Suggestions
{
    private Suggestions()
    {
    }

    /** {@code "; did you mean 'gpus'?"} when a known name is close, else the empty string. */
    public static String didYouMean(String given, List<String> known)
    {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(given, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, given.length() / 3) ? "; did you mean '%s'?".formatted(best) : "";
    }

    public static int distance(String left, String right)
    {
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int column = 0; column <= right.length(); column++) {
            previous[column] = column;
        }
        for (int row = 1; row <= left.length(); row++) {
            current[0] = row;
            for (int column = 1; column <= right.length(); column++) {
                int cost = left.charAt(row - 1) == right.charAt(column - 1) ? 0 : 1;
                current[column] = Math.min(Math.min(current[column - 1] + 1, previous[column] + 1), previous[column - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
