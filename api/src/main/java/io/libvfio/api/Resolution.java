package io.libvfio.api;

/** A display resolution in pixels. */
public record Resolution(int width, int height)
{
    public Resolution
    {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("resolution must be positive: %dx%d".formatted(width, height));
        }
    }

    /** Parses {@code 1920x1080}. */
    public static Resolution parse(String text)
    {
        int x = text.indexOf('x');
        if (x <= 0 || x == text.length() - 1) {
            throw new IllegalArgumentException("not a resolution: '%s' (expected WIDTHxHEIGHT)".formatted(text));
        }
        try {
            return new Resolution(Integer.parseInt(text.substring(0, x)), Integer.parseInt(text.substring(x + 1)));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a resolution: '%s' (expected WIDTHxHEIGHT)".formatted(text), e);
        }
    }

    @Override
    public String toString()
    {
        return width + "x" + height;
    }
}
