package io.libvfio.runtime.discovery;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of a pci.ids file, read in pages only where a lookup looks. A binary search for a
 * few vendors touches a few dozen pages of a file over a megabyte; reading it whole costs a
 * fresh JVM more (about 11 ms on a small VM: the copy faults in every page of a new array) than
 * the whole lookup. Tests give the bytes in memory.
 */
final class PciIdsText
        implements Closeable
{
    private static final int SHIFT = 13;
    /** 8 KiB: the largest read the JDK copies through its stack buffer rather than a malloc. */
    private static final int PAGE = 1 << SHIFT;
    private static final int MASK = PAGE - 1;

    private final RandomAccessFile file;
    private final int length;
    private final byte[][] pages;

    private PciIdsText(RandomAccessFile file, int length, byte[][] pages)
    {
        this.file = file;
        this.length = length;
        this.pages = pages;
    }

    static PciIdsText of(byte[] text)
    {
        byte[][] pages = new byte[(text.length + MASK) >>> SHIFT][];
        for (int index = 0; index < pages.length; index++) {
            pages[index] = Arrays.copyOfRange(text, index << SHIFT, Math.min(text.length, (index + 1) << SHIFT));
        }
        return new PciIdsText(null, text.length, pages);
    }

    static PciIdsText open(File path)
            throws IOException
    {
        RandomAccessFile file = new RandomAccessFile(path, "r");
        long length = file.length();
        if (length > Integer.MAX_VALUE) {
            file.close();
            throw new IOException(path + ": too large for a pci.ids file");
        }
        return new PciIdsText(file, (int) length, new byte[(int) ((length + MASK) >>> SHIFT)][]);
    }

    int length()
    {
        return length;
    }

    /** The byte at {@code position}, which is below {@link #length()}. */
    byte at(int position)
    {
        return page(position >>> SHIFT)[position & MASK];
    }

    /** Where the line holding {@code position} ends: its newline, or the end of the text. */
    int lineEnd(int position)
    {
        int at = position;
        while (at < length) {
            byte[] page = page(at >>> SHIFT);
            int index = at & MASK;
            while (index < page.length && page[index] != '\n') {
                index++;
            }
            at = (at & ~MASK) + index;
            if (index < page.length) {
                return at;
            }
        }
        return length;
    }

    /** The bytes {@code [from, to)}. */
    byte[] bytes(int from, int to)
    {
        byte[] bytes = new byte[to - from];
        int at = from;
        while (at < to) {
            byte[] page = page(at >>> SHIFT);
            int index = at & MASK;
            int count = Math.min(page.length - index, to - at);
            System.arraycopy(page, index, bytes, at - from, count);
            at += count;
        }
        return bytes;
    }

    String string(int from, int to)
    {
        return new String(bytes(from, to), StandardCharsets.UTF_8);
    }

    private byte[] page(int index)
    {
        byte[] page = pages[index];
        if (page == null) {
            page = new byte[Math.min(PAGE, length - (index << SHIFT))];
            try {
                file.seek((long) index << SHIFT);
                file.readFully(page);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pages[index] = page;
        }
        return page;
    }

    @Override
    public void close()
            throws IOException
    {
        if (file != null) {
            file.close();
        }
    }
}
