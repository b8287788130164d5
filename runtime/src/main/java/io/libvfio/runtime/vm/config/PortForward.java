package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/** A host port forwarded to a guest port on the VM's user-mode network. */
public record PortForward(Protocol protocol, int hostPort, int guestPort)
{
    public enum Protocol
    {
        TCP, UDP
    }

    public PortForward
    {
        requireNonNull(protocol, "protocol is null");
    }
}
