package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The mdev core's {@code create} and {@code remove} (sysfs-spec §2.2, §2.4) with the vendor
 * drivers' accounting of {@link MdevAccounting}.
 */
final class MdevEmulation
{
    private static final int UUID_STRING_LEN = 36;

    private final MdevDevices mdevs;
    private final MdevAccounting accounting;

    MdevEmulation(MdevDevices mdevs, MdevAccounting accounting)
    {
        this.mdevs = requireNonNull(mdevs, "mdevs is null");
        this.accounting = requireNonNull(accounting, "accounting is null");
    }

    /** True when a canonical path is a type's {@code create}: {@code <parent>/mdev_supported_types/<type>/create}. */
    static boolean isCreate(String canonicalPath)
    {
        String[] parts = canonicalPath.split("/");
        return parts.length >= 3 && parts[parts.length - 1].equals("create") && parts[parts.length - 3].equals("mdev_supported_types");
    }

    /** True when a canonical path is an mdev device's {@code remove}. */
    boolean isRemove(String canonicalPath)
    {
        return canonicalPath.endsWith("/remove") && mdevs.isDevice(parentOf(canonicalPath));
    }

    /**
     * Writes a UUID to {@code create}: 36 or 37 bytes (the 37th, normally a newline, is not looked at,
     * as {@code guid_parse} reads 36 characters) holding a canonical UUID, else EINVAL; a UUID any
     * mdev has is EEXIST; no instance left is ENOSPC (NVIDIA, GVT-g, the mtty and mbochs samples)
     * or EUSERS (core-counted drivers such as mdpy), see {@link MdevAccounting#exhausted}.
     */
    void create(String canonicalPath, String value)
    {
        String typeDirectory = parentOf(canonicalPath);
        String type = nameOf(typeDirectory);
        String parent = parentOf(parentOf(typeDirectory));
        int length = value.getBytes(StandardCharsets.UTF_8).length;
        if (length < UUID_STRING_LEN || length > UUID_STRING_LEN + 1) {
            throw WriteRefused.because(Errno.EINVAL, "a UUID is 36 characters, got " + length + " bytes");
        }
        String text = value.substring(0, UUID_STRING_LEN);
        if (!MdevDevices.UUID.matcher(text).matches()) {
            throw WriteRefused.because(Errno.EINVAL, "not a UUID: " + text);
        }
        String uuid = text.toLowerCase(Locale.ROOT);
        List<String> gpu = accounting.gpu(parent);
        gpu.forEach(accounting::capture);
        if (mdevs.inUse(uuid)) {
            throw WriteRefused.because(Errno.EEXIST, "an mdev " + uuid + " exists");
        }
        if (accounting.available(parent, type) == 0) {
            throw WriteRefused.because(MdevAccounting.exhausted(type), "no instance of " + type + " left");
        }
        mdevs.create(parent, type, uuid, MdevAccounting.mdevDriver(type));
        gpu.forEach(accounting::refresh);
    }

    /** Writes to an mdev's {@code remove}: kstrtoul, 0 does nothing, anything else destroys the device. */
    void remove(String canonicalPath, String value)
    {
        long flag;
        try {
            flag = KernelStrings.unsigned(value, 0, Long.MAX_VALUE);
        }
        catch (WriteRefused e) {
            throw WriteRefused.because(Errno.EINVAL, "not a number: " + value);
        }
        if (flag == 0) {
            return;
        }
        String device = parentOf(canonicalPath);
        String parent = parentOf(device);
        List<String> gpu = accounting.gpu(parent);
        gpu.forEach(accounting::capture);
        mdevs.destroy(device);
        gpu.forEach(accounting::refresh);
    }

    private static String parentOf(String path)
    {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }

    private static String nameOf(String path)
    {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
