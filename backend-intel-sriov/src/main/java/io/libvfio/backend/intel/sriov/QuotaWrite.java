package io.libvfio.backend.intel.sriov;

import static java.util.Objects.requireNonNull;

/**
 * One provisioning write: the attribute, the value to write, and the value it holds now (what an
 * undo writes back).
 */
record QuotaWrite(String path, long value, long previous)
{
    QuotaWrite
    {
        requireNonNull(path, "path is null");
    }
}
