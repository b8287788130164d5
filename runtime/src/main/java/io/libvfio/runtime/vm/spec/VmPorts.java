package io.libvfio.runtime.vm.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** The host ports and vsock CID one VM holds; unique among the VMs libvfio runs. */
public record VmPorts(OptionalInt spice, OptionalInt vnc, OptionalInt ssh, OptionalInt vsockCid, List<VmSpec.PortForward> forwards)
{
    public VmPorts
    {
        requireNonNull(spice, "spice is null");
        requireNonNull(vnc, "vnc is null");
        requireNonNull(ssh, "ssh is null");
        requireNonNull(vsockCid, "vsockCid is null");
        forwards = List.copyOf(requireNonNull(forwards, "forwards is null"));
    }

    /** Every TCP/UDP host port, for collision checks. */
    public List<Integer> hostPorts()
    {
        List<Integer> ports = new ArrayList<>();
        spice.ifPresent(ports::add);
        vnc.ifPresent(ports::add);
        ssh.ifPresent(ports::add);
        for (VmSpec.PortForward forward : forwards) {
            ports.add(forward.host());
        }
        return ports;
    }
}
