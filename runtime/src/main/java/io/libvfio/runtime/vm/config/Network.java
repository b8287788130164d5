package io.libvfio.runtime.vm.config;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The VM's network card and how it is connected: QEMU user-mode networking (with port
 * forwards), a host bridge (by name), or none.
 */
public record Network(Model model, Mode mode, Optional<String> bridge, List<PortForward> forwards)
{
    public enum Model
    {
        VIRTIO, E1000, RTL8139
    }

    public enum Mode
    {
        USER, BRIDGE, NONE
    }

    public Network
    {
        requireNonNull(model, "model is null");
        requireNonNull(mode, "mode is null");
        requireNonNull(bridge, "bridge is null");
        forwards = List.copyOf(requireNonNull(forwards, "forwards is null"));
    }

    public static Network defaults()
    {
        return new Network(Model.VIRTIO, Mode.USER, Optional.empty(), List.of());
    }
}
