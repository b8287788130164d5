package io.libvfio.runtime.vm;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.state.VmState;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Gives a VM its host ports and vsock CID, unique among the VMs libvfio runs and free on
 * 127.0.0.1 right now. A port the VM file names must be free, or the start fails naming the
 * file, line and key; a port it leaves out is chosen: SPICE from 5900, VNC from 5910, SSH from
 * 2222.
 */
final class PortAllocator
{
    static final int SPICE_BASE = 5900;
    static final int VNC_BASE = 5910;
    static final int VNC_LAST = 5999;
    static final int SSH_BASE = 2222;
    private static final int SEARCH = 500;
    private static final int FIRST_CID = 3;

    private final RandomGenerator random;

    PortAllocator(RandomGenerator random)
    {
        this.random = random;
    }

    VmPorts allocate(VmSpec spec, List<VmState> running, boolean checkFree)
    {
        Set<Integer> taken = new HashSet<>();
        Set<Integer> cids = new HashSet<>();
        for (VmState state : running) {
            taken.addAll(state.ports().hostPorts());
            state.ports().vsockCid().ifPresent(cids::add);
        }
        VmSpec.Display display = spec.display();
        OptionalInt spice = display.spice() ? OptionalInt.of(port(spec, "spice", display.spicePort(), SPICE_BASE, taken, checkFree)) : OptionalInt.empty();
        OptionalInt vnc = display.vnc() ? OptionalInt.of(port(spec, "vnc", display.vncPort(), VNC_BASE, taken, checkFree)) : OptionalInt.empty();
        if (vnc.isPresent() && (vnc.getAsInt() < SPICE_BASE || vnc.getAsInt() > VNC_LAST)) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, spec.where("vnc") + ": VNC port " + vnc.getAsInt()
                    + " is outside 5900-5999 (VNC displays :0 to :99)");
        }
        VmSpec.Network network = spec.network();
        OptionalInt ssh = network.sshEnabled() ? OptionalInt.of(port(spec, "network.forwards", network.sshPort(), SSH_BASE, taken, checkFree)) : OptionalInt.empty();
        for (VmSpec.PortForward forward : network.forwards()) {
            port(spec, "network.forwards", OptionalInt.of(forward.host()), 0, taken, checkFree);
        }
        if (!network.vsock()) {
            return new VmPorts(spice, vnc, ssh, OptionalInt.empty(), network.forwards());
        }
        int cid = FIRST_CID + random.nextInt(1 << 20);
        while (cids.contains(cid)) {
            cid++;
        }
        return new VmPorts(spice, vnc, ssh, OptionalInt.of(cid), network.forwards());
    }

    private static int port(VmSpec spec, String key, OptionalInt wanted, int base, Set<Integer> taken, boolean checkFree)
    {
        if (wanted.isPresent()) {
            int port = wanted.getAsInt();
            if (taken.contains(port)) {
                throw new VfioException(StandardErrorCode.DEVICE_BUSY, spec.where(key) + ": port " + port
                        + " is already used by another VM libvfio runs (see 'libvfio ps'); leave the key out to have a free port chosen");
            }
            if (checkFree && !free(port)) {
                throw new VfioException(StandardErrorCode.DEVICE_BUSY, spec.where(key) + ": port " + port
                        + " is already in use on 127.0.0.1; leave the key out to have a free port chosen");
            }
            taken.add(port);
            return port;
        }
        for (int port = base; port < base + SEARCH; port++) {
            if (!taken.contains(port) && (!checkFree || free(port))) {
                taken.add(port);
                return port;
            }
        }
        throw new VfioException(StandardErrorCode.DEVICE_BUSY, "no free port for " + key + " between " + base + " and " + (base + SEARCH - 1));
    }

    static boolean free(int port)
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }
}
