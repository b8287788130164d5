package io.libvfio.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: left-aligned columns, two spaces apart, a header row in capitals. */
public final class Table
{
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<List<String>> notes = new ArrayList<>();

    public Table(String... header)
    {
        this.header = List.of(header);
    }

    public Table row(String... cells)
    {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has %d cells, header has %d".formatted(cells.length, header.size()));
        }
        rows.add(List.of(cells));
        notes.add(new ArrayList<>());
        return this;
    }

    /** An indented line printed under the last row. */
    public Table note(String text)
    {
        notes.get(notes.size() - 1).add(text);
        return this;
    }

    public void print(PrintWriter out)
    {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        out.println(line(header, widths));
        for (int index = 0; index < rows.size(); index++) {
            out.println(line(rows.get(index), widths));
            for (String note : notes.get(index)) {
                out.println("    " + note);
            }
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] widths)
    {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - cell.length() + 2));
            }
        }
        return line.toString().stripTrailing();
    }
}
