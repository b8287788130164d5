package io.libvfio.backend.intel.gvtg;

import io.libvfio.api.Errno;
import io.libvfio.api.ErrorCode;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Optional;

/**
 * What a refused mdev {@code create} or {@code remove} means (sysfs-spec §2.2, §2.4), as the
 * error a user acts on; the errno and the kernel's refusal stay in the exception.
 */
final class MdevWriteErrors
{
    private MdevWriteErrors()
    {
    }

    /** {@code create}: EEXIST a UUID in use, EUSERS/ENOSPC no room (GVT-g: aperture, hidden GM or fences spent), ENODEV parent going away. */
    static VfioException create(VfioException refused, String type, String uuid)
    {
        Optional<Errno> errno = refused.errno();
        if (errno.isEmpty()) {
            return refused;
        }
        return switch (errno.get()) {
            case EEXIST -> wrap(StandardErrorCode.ALREADY_EXISTS, "an mdev with UUID %s already exists".formatted(uuid), refused);
            case EUSERS, ENOSPC -> wrap(StandardErrorCode.NO_CAPACITY,
                    "no room for another %s vGPU: the GPU's graphics memory or fences are taken (%s)".formatted(type, errno.get().text()), refused);
            case ENODEV -> wrap(StandardErrorCode.DEVICE_NOT_FOUND, "the mdev parent of %s is going away (%s)".formatted(type, errno.get().text()), refused);
            default -> refused;
        };
    }

    /** {@code remove}: ENODEV already gone, EAGAIN not yet active or being removed, EBUSY in use (4.x kernels). */
    static VfioException remove(VfioException refused, String uuid)
    {
        Optional<Errno> errno = refused.errno();
        if (errno.isEmpty()) {
            return refused;
        }
        return switch (errno.get()) {
            case ENODEV -> wrap(StandardErrorCode.INSTANCE_NOT_FOUND, "mdev %s is already gone".formatted(uuid), refused);
            case EAGAIN, EBUSY -> wrap(StandardErrorCode.DEVICE_BUSY, "mdev %s is in use or being removed; try again (%s)".formatted(uuid, errno.get().text()), refused);
            default -> refused;
        };
    }

    private static VfioException wrap(ErrorCode code, String message, VfioException refused)
    {
        return new VfioException(code, message + ": " + refused.getMessage(), refused.errno().orElseThrow(), refused);
    }
}
