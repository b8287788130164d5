package io.libvfio.runtime.plan;

/** Type ids in natural order: {@code nvidia-2} before {@code nvidia-10}, {@code 1148} before {@code 2164}. */
final class TypeIds
{
    private TypeIds()
    {
    }

    static int compare(String left, String right)
    {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            char a = left.charAt(i);
            char b = right.charAt(j);
            if (Character.isDigit(a) && Character.isDigit(b)) {
                int endA = digitsEnd(left, i);
                int endB = digitsEnd(right, j);
                String digitsA = stripZeros(left.substring(i, endA));
                String digitsB = stripZeros(right.substring(j, endB));
                int order = digitsA.length() != digitsB.length() ? Integer.compare(digitsA.length(), digitsB.length()) : digitsA.compareTo(digitsB);
                if (order != 0) {
                    return order;
                }
                i = endA;
                j = endB;
            }
            else {
                if (a != b) {
                    return Character.compare(a, b);
                }
                i++;
                j++;
            }
        }
        int order = Integer.compare(left.length() - i, right.length() - j);
        return order != 0 ? order : left.compareTo(right);
    }

    private static int digitsEnd(String text, int start)
    {
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static String stripZeros(String digits)
    {
        int start = 0;
        while (start < digits.length() - 1 && digits.charAt(start) == '0') {
            start++;
        }
        return digits.substring(start);
    }
}
