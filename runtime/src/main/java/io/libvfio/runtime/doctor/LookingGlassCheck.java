package io.libvfio.runtime.doctor;

import java.util.List;
import java.util.Optional;

/**
 * The Looking Glass frame buffer: the kvmfr device ({@code /dev/kvmfr0}) or the shared-memory file
 * ({@code /dev/shm/looking-glass}), and whether the user's client can open it (group or world
 * read-write). The file does not exist until a VM runs; then a tmpfiles rule that creates it
 * with the right owner is enough.
 */
final class LookingGlassCheck
        implements DoctorCheck
{
    static final String SHM = "/dev/shm/looking-glass";
    static final String KVMFR = "/dev/kvmfr0";
    static final String TMPFILES = "/etc/tmpfiles.d";
    private static final List<String> TMPFILES_DIRECTORIES = List.of(TMPFILES, "/run/tmpfiles.d", "/usr/lib/tmpfiles.d");
    static final String RULE = "f " + SHM + " 0660 root kvm -";

    @Override
    public String id()
    {
        return "looking-glass";
    }

    @Override
    public String title()
    {
        return "Looking Glass shared memory";
    }

    @Override
    public List<Check> run(DoctorHost host)
    {
        for (String path : List.of(KVMFR, SHM)) {
            if (!host.fs().exists(path)) {
                continue;
            }
            Optional<FileMode> mode = host.devices().mode(host.file(path));
            if (mode.isEmpty()) {
                return List.of(Check.unknown(id(), title(), path + " exists but its owner and mode cannot be read"));
            }
            if (mode.get().otherReadWrite() || mode.get().groupReadWrite() && !mode.get().group().equals("root")) {
                return List.of(Check.pass(id(), title(), "%s is %s: the group may read and write it".formatted(path, mode.get())));
            }
            String fix = path.equals(KVMFR)
                    ? "give it to the kvm group with a udev rule: SUBSYSTEM==\"kvmfr\", GROUP=\"kvm\", MODE=\"0660\""
                    : "chgrp kvm %s && chmod 0660 %s; '%s' adds a tmpfiles rule that creates it so at boot".formatted(SHM, SHM, Fixes.SETUP);
            return List.of(Check.warn(id(), title(), "%s is %s: only its owner can open it, so the Looking Glass client may not".formatted(path, mode.get()), fix));
        }
        Optional<String> rule = tmpfilesRule(host);
        if (rule.isPresent()) {
            return List.of(Check.pass(id(), title(), "no %s yet; %s creates it at boot".formatted(SHM, rule.get())));
        }
        return List.of(Check.warn(id(), title(),
                "no %s and no %s, and no tmpfiles rule creates it: QEMU would create it as its own user at VM start".formatted(KVMFR, SHM),
                "run '%s' to add the tmpfiles rule '%s' (or load the kvmfr module)".formatted(Fixes.SETUP, RULE)));
    }

    /** The tmpfiles.d file that mentions the shared-memory file, if any. */
    static Optional<String> tmpfilesRule(DoctorHost host)
    {
        for (String directory : TMPFILES_DIRECTORIES) {
            for (String name : host.fs().list(directory)) {
                if (!name.endsWith(".conf")) {
                    continue;
                }
                String path = directory + "/" + name;
                Optional<String> text = host.fs().read(path);
                if (text.isPresent() && text.get().contains(SHM)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }
}
