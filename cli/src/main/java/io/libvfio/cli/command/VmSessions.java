package io.libvfio.cli.command;

import io.libvfio.runtime.vm.VmHost;
import io.libvfio.runtime.vm.gpu.UnavailableVgpus;
import io.libvfio.runtime.vm.gpu.VgpuProvider;

import java.util.List;

/** How the VM commands reach the host: one {@link VmHost} per command, and their shared printing. */
final class VmSessions
{
    private VmSessions()
    {
    }

    static VmHost host(Session session)
    {
        return VmHost.of(session.runtime(), vgpus(session));
    }

    static VgpuProvider vgpus(Session session)
    {
        return new UnavailableVgpus();
    }

    /** Prints what the reconcile cleaned up, on stderr, so stdout keeps the command's answer. */
    static void notes(Session session, List<String> notes)
    {
        for (String note : notes) {
            session.err().println("libvfio: " + note);
        }
        session.err().flush();
    }
}
