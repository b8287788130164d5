package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Errno;
import io.libvfio.api.ErrorCode;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

/**
 * Turns a refused sysfs write of a create or destroy into the error a user acts on
 * (sysfs-spec §2.2, §2.4, §5.3): the kernel's message stays in the text and the errno in the
 * exception, the code says what happened.
 * <ul>
 * <li>EEXIST: the UUID is taken ({@code ALREADY_EXISTS});</li>
 * <li>ENOSPC, EDQUOT, EUSERS: the GPU is full ({@code NO_CAPACITY});</li>
 * <li>EBUSY, EAGAIN: the device is in use or being removed ({@code DEVICE_BUSY});</li>
 * <li>EINVAL: on {@code create} the mdev core refused the value; on {@code current_vgpu_type} the
 * GPU runs another vGPU type ({@code NO_CAPACITY});</li>
 * <li>EPERM on {@code current_vgpu_type}: the VF already holds a vGPU ({@code DEVICE_BUSY}); EPERM
 * and EACCES elsewhere: {@code ACCESS_DENIED};</li>
 * <li>ENODEV: the type ({@code current_vgpu_type}) or the device ({@code remove}) is gone;</li>
 * <li>EIO and anything else: {@code HOST_WRITE_FAILED}.</li>
 * </ul>
 */
final class KernelRefusal
{
    /** Which write was refused: it decides what EINVAL, EPERM and ENODEV mean. */
    enum Write
    {
        MDEV_CREATE,
        MDEV_REMOVE,
        SET_VGPU_TYPE,
        CLEAR_VGPU_TYPE
    }

    private KernelRefusal()
    {
    }

    /** The refusal as an error of the operation: {@code <action>: <write error>[; <hint>]}. */
    static VfioException of(Write write, String action, VfioException refused)
    {
        if (refused.errno().isEmpty()) {
            return refused;
        }
        Errno errno = refused.errno().get();
        String hint = hint(write, errno);
        String message = action + ": " + refused.getMessage() + (hint.isEmpty() ? "" : "; " + hint);
        return new VfioException(code(write, errno), message, errno, refused);
    }

    static ErrorCode code(Write write, Errno errno)
    {
        return switch (errno) {
            case EEXIST -> StandardErrorCode.ALREADY_EXISTS;
            case ENOSPC, EDQUOT, EUSERS -> StandardErrorCode.NO_CAPACITY;
            case EBUSY, EAGAIN -> StandardErrorCode.DEVICE_BUSY;
            case EINVAL -> switch (write) {
                case SET_VGPU_TYPE -> StandardErrorCode.NO_CAPACITY;
                case MDEV_CREATE, MDEV_REMOVE, CLEAR_VGPU_TYPE -> StandardErrorCode.INVALID_ARGUMENT;
            };
            case EPERM -> write == Write.SET_VGPU_TYPE ? StandardErrorCode.DEVICE_BUSY : StandardErrorCode.ACCESS_DENIED;
            case EACCES -> StandardErrorCode.ACCESS_DENIED;
            case ENODEV -> write == Write.SET_VGPU_TYPE || write == Write.MDEV_CREATE ? StandardErrorCode.TYPE_NOT_FOUND
                    : StandardErrorCode.INSTANCE_NOT_FOUND;
            default -> StandardErrorCode.HOST_WRITE_FAILED;
        };
    }

    private static String hint(Write write, Errno errno)
    {
        return switch (errno) {
            case EEXIST -> "another mdev already has this UUID";
            case ENOSPC, EDQUOT, EUSERS -> "no instance of this type is left on the GPU";
            case EBUSY -> write == Write.MDEV_CREATE || write == Write.SET_VGPU_TYPE ? "the GPU is busy; try again"
                    : "a VM still holds the vGPU; stop it first";
            case EAGAIN -> "the device is being set up or removed; try again";
            case EINVAL -> write == Write.SET_VGPU_TYPE ? "the GPU runs another vGPU type, and all vGPUs of one GPU must be of one type" : "";
            case EPERM -> write == Write.SET_VGPU_TYPE ? "the VF already holds a vGPU" : "";
            default -> "";
        };
    }
}
