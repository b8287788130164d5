package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.math.BigInteger;

/**
 * The kernel's string helpers as sysfs {@code store()} functions use them: {@code kstrto*()}
 * (one trailing newline allowed, nothing else), {@code kstrtobool()} and {@code sysfs_streq()}.
 * Parse failures are {@link WriteRefused} with the errno the kernel helper returns.
 */
final class KernelStrings
{
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private KernelStrings()
    {
    }

    /** The value without one trailing newline, as {@code sysfs_streq()} compares it. */
    static String chomp(String value)
    {
        return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
    }

    /** {@code kstrtou*(value, base)} with the range of the target type: EINVAL if malformed, ERANGE if too big. */
    static long unsigned(String value, int base, long max)
    {
        BigInteger parsed = unsignedBig(chomp(value), base);
        if (parsed.compareTo(BigInteger.valueOf(max)) > 0) {
            throw WriteRefused.because(Errno.ERANGE, "'" + value + "' is above " + max);
        }
        return parsed.longValue();
    }

    /** {@code kstrtol(value, 10)}: EINVAL if malformed, ERANGE outside a 64-bit long. */
    static long signedDecimal(String value)
    {
        String text = chomp(value);
        boolean negative = text.startsWith("-");
        BigInteger magnitude = unsignedBig(negative ? text.substring(1) : text, 10);
        BigInteger result = negative ? magnitude.negate() : magnitude;
        if (result.bitLength() > 63) {
            throw WriteRefused.because(Errno.ERANGE, "'" + value + "' does not fit a long");
        }
        return result.longValue();
    }

    /** {@code kstrtobool()}: 1/y/Y/on, 0/n/N/off (only the first two characters count); EINVAL otherwise. */
    static boolean bool(String value)
    {
        if (!value.isEmpty()) {
            char first = value.charAt(0);
            char second = value.length() > 1 ? value.charAt(1) : '\0';
            switch (first) {
                case 'y', 'Y', '1':
                    return true;
                case 'n', 'N', '0':
                    return false;
                case 'o', 'O':
                    if (second == 'n' || second == 'N') {
                        return true;
                    }
                    if (second == 'f' || second == 'F') {
                        return false;
                    }
                    break;
                default:
                    break;
            }
        }
        throw WriteRefused.because(Errno.EINVAL, "'" + value + "' is not a boolean");
    }

    private static BigInteger unsignedBig(String text, int requestedBase)
    {
        String digits = text.startsWith("+") ? text.substring(1) : text;
        int base = requestedBase;
        if (base == 0 || base == 16) {
            boolean hexPrefix = digits.length() > 2 && digits.charAt(0) == '0' && Character.toLowerCase(digits.charAt(1)) == 'x'
                    && Character.digit(digits.charAt(2), 16) >= 0;
            if (hexPrefix) {
                digits = digits.substring(2);
                base = 16;
            }
            else if (base == 0) {
                base = digits.startsWith("0") ? 8 : 10;
            }
        }
        if (digits.isEmpty()) {
            throw WriteRefused.because(Errno.EINVAL, "'" + text + "' is not a number");
        }
        for (int index = 0; index < digits.length(); index++) {
            if (Character.digit(digits.charAt(index), base) < 0 || digits.charAt(index) > 0x7f) {
                throw WriteRefused.because(Errno.EINVAL, "'" + text + "' is not a number");
            }
        }
        BigInteger parsed = new BigInteger(digits, base);
        if (parsed.compareTo(U64_MAX) > 0) {
            throw WriteRefused.because(Errno.ERANGE, "'" + text + "' overflows 64 bits");
        }
        return parsed;
    }
}
