package io.libvfio.api;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The SR-IOV state of a physical function, from its {@code sriov_*} attributes and
 * {@code virtfnN} links.
 *
 * @param vfDeviceId {@code sriov_vf_device}, the device id the VFs report
 * @param virtualFunctions the enabled VFs, in {@code virtfnN} order
 */
public record SriovInfo(
        int totalVfs,
        int numVfs,
        int offset,
        int stride,
        int vfDeviceId,
        boolean driversAutoprobe,
        List<PciAddress> virtualFunctions)
{
    public SriovInfo
    {
        virtualFunctions = List.copyOf(requireNonNull(virtualFunctions, "virtualFunctions is null"));
    }
}
