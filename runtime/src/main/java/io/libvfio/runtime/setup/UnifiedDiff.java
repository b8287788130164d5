package io.libvfio.runtime.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A unified diff ({@code diff -u} style, three lines of context) between two versions of a text
 * file; {@code /dev/null} stands for a file that does not exist yet. Lines are matched by a longest
 * common subsequence, which is plenty for configuration files.
 */
public final class UnifiedDiff
{
    private static final int CONTEXT = 3;
    private static final int MAX_CELLS = 4_000_000;

    private UnifiedDiff()
    {
    }

    private record Edit(char kind, String line, int oldLine, int newLine)
    {
    }

    public static String of(String path, Optional<String> before, String after)
    {
        List<String> old = lines(before.orElse(""));
        List<String> now = lines(after);
        List<Edit> edits = edits(old, now);
        StringBuilder diff = new StringBuilder();
        diff.append("--- ").append(before.isPresent() ? "a" + path : "/dev/null").append('\n');
        diff.append("+++ b").append(path).append('\n');
        int index = 0;
        while (index < edits.size()) {
            if (edits.get(index).kind() == ' ') {
                index++;
                continue;
            }
            int start = Math.max(0, index - CONTEXT);
            int end = index;
            // extend the hunk while changes are at most 2 * CONTEXT unchanged lines apart
            int last = index;
            for (int probe = index; probe < edits.size(); probe++) {
                if (edits.get(probe).kind() != ' ') {
                    if (probe - last > 2 * CONTEXT) {
                        break;
                    }
                    last = probe;
                }
            }
            end = Math.min(edits.size(), last + CONTEXT + 1);
            hunk(diff, edits.subList(start, end), old.isEmpty(), now.isEmpty());
            index = end;
        }
        return diff.toString();
    }

    private static void hunk(StringBuilder diff, List<Edit> hunk, boolean oldEmpty, boolean newEmpty)
    {
        int oldStart = 0;
        int newStart = 0;
        int oldCount = 0;
        int newCount = 0;
        for (Edit edit : hunk) {
            if (edit.kind() != '+') {
                if (oldCount == 0) {
                    oldStart = edit.oldLine();
                }
                oldCount++;
            }
            if (edit.kind() != '-') {
                if (newCount == 0) {
                    newStart = edit.newLine();
                }
                newCount++;
            }
        }
        if (oldCount == 0) {
            oldStart = oldEmpty ? 0 : firstOld(hunk);
        }
        if (newCount == 0) {
            newStart = newEmpty ? 0 : firstNew(hunk);
        }
        diff.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n");
        for (Edit edit : hunk) {
            diff.append(edit.kind()).append(edit.line()).append('\n');
        }
    }

    private static int firstOld(List<Edit> hunk)
    {
        return Math.max(0, hunk.get(0).oldLine() - 1);
    }

    private static int firstNew(List<Edit> hunk)
    {
        return Math.max(0, hunk.get(0).newLine() - 1);
    }

    private static String range(int start, int count)
    {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    private static List<Edit> edits(List<String> old, List<String> now)
    {
        int n = old.size();
        int m = now.size();
        List<Edit> edits = new ArrayList<>();
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            // too large to align: the whole file replaced
            for (int i = 0; i < n; i++) {
                edits.add(new Edit('-', old.get(i), i + 1, 0));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit('+', now.get(j), n, j + 1));
            }
            return edits;
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = old.get(i).equals(now.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && old.get(i).equals(now.get(j))) {
                edits.add(new Edit(' ', old.get(i), i + 1, j + 1));
                i++;
                j++;
            }
            else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                edits.add(new Edit('-', old.get(i), i + 1, j));
                i++;
            }
            else {
                edits.add(new Edit('+', now.get(j), i, j + 1));
                j++;
            }
        }
        return edits;
    }

    private static List<String> lines(String text)
    {
        List<String> lines = new ArrayList<>();
        if (text.isEmpty()) {
            return lines;
        }
        int start = 0;
        for (int index = 0; index < text.length(); index++) {
            if (text.charAt(index) == '\n') {
                lines.add(text.substring(start, index));
                start = index + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
