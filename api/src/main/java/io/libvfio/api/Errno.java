package io.libvfio.api;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Linux errno values that sysfs writes return (x86-64 and arm64 numbering), with the
 * text that {@code strerror} prints. See {@code shared/docs/sysfs-spec.md} for which file
 * returns which.
 */
public enum Errno
{
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    ENOSPC(28, "No space left on device"),
    EROFS(30, "Read-only file system"),
    ERANGE(34, "Numerical result out of range"),
    ENOTTY(25, "Inappropriate ioctl for device"),
    EOPNOTSUPP(95, "Operation not supported"),
    EUSERS(87, "Too many users"),
    EOVERFLOW(75, "Value too large for defined data type"),
    ESTALE(116, "Stale file handle"),
    EDQUOT(122, "Disk quota exceeded"),
    EUCLEAN(117, "Structure needs cleaning");

    private final int number;
    private final String text;

    Errno(int number, String text)
    {
        this.number = number;
        this.text = text;
    }

    public int number()
    {
        return number;
    }

    public String text()
    {
        return text;
    }

    public static Optional<Errno> ofNumber(int number)
    {
        return Arrays.stream(values()).filter(errno -> errno.number == number).findFirst();
    }

    /** Maps a {@code strerror} text, as the JDK puts it in an IOException message, back to its errno. */
    public static Optional<Errno> ofText(String message)
    {
        if (message == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(errno -> message.contains(errno.text)).findFirst();
    }
}
