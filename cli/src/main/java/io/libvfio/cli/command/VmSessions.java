package io.libvfio.cli.command;

import io.libvfio.runtime.vm.VmHost;
import io.libvfio.runtime.vm.gpu.VgpuServiceProvider;
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
        return new VgpuServiceProvider(session.runtime());
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
