package io.libvfio.runtime.vm;

import io.libvfio.api.spi.CommandResult;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.state.VmProcesses;
import io.libvfio.runtime.vm.state.VmState;
import io.libvfio.runtime.vm.state.VmStateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Cleans up after VMs whose QEMU is gone: releases their vGPUs (destroying those libvfio made
 * and restoring drivers), removes their sockets and shared-memory files, runs their teardown
 * hooks, and deletes the state file. Every VM command calls {@link #reconcile} first, under the
 * state lock, so a crash is cleaned up by whatever command comes next.
 */
public final class VmReconciler
{
    static final Duration HOOK_TIMEOUT = Duration.ofSeconds(60);

    private final VmHost host;
    private final VmStateStore store;
    private final VmProcesses processes;

    public VmReconciler(VmHost host)
    {
        this.host = requireNonNull(host, "host is null");
        this.store = host.store();
        this.processes = host.processes();
    }

    /** Cleans up every VM whose process is gone; the caller holds the state lock. Returns what was done, one line per VM. */
    public List<String> reconcile(List<VmState> running)
    {
        List<String> notes = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        for (VmState state : store.list(broken)) {
            if (processes.alive(state.pid(), state.processStart())) {
                running.add(state);
            }
            else {
                List<String> done = clean(state);
                notes.add("VM " + state.name() + " (pid " + state.pid() + ") is no longer running: cleaned up"
                        + (done.isEmpty() ? "" : " (" + String.join("; ", done) + ")"));
            }
        }
        for (String problem : broken) {
            notes.add("ignored a malformed state file: " + problem);
        }
        return notes;
    }

    /** Releases what a stopped VM held and forgets it; returns what it did and what failed. */
    public List<String> clean(VmState state)
    {
        List<String> done = new ArrayList<>();
        for (AttachedVgpu vgpu : state.vgpus()) {
            try {
                host.vgpus().release(vgpu);
                done.add((vgpu.createdHere() ? "destroyed " : "released ") + vgpu.description());
            }
            catch (RuntimeException e) {
                done.add("could not release " + vgpu.description() + ": " + e.getMessage());
            }
        }
        int removed = 0;
        for (Path file : state.files()) {
            try {
                if (Files.deleteIfExists(file)) {
                    removed++;
                }
            }
            catch (IOException e) {
                done.add("could not remove " + file + ": " + e.getMessage());
            }
        }
        if (removed > 0) {
            done.add("removed " + removed + " socket and shared-memory file" + (removed == 1 ? "" : "s"));
        }
        for (List<String> hook : state.teardown()) {
            done.add(runHook("teardown", hook));
        }
        store.delete(state.name());
        return done;
    }

    String runHook(String kind, List<String> hook)
    {
        try {
            CommandResult result = host.commands().run(hook, HOOK_TIMEOUT);
            return result.exitCode() == 0 ? "ran " + kind + " hook " + hook.get(0)
                    : kind + " hook " + hook.get(0) + " exited with " + result.exitCode() + ": " + result.stderr().strip();
        }
        catch (RuntimeException e) {
            return kind + " hook " + hook.get(0) + " failed: " + e.getMessage();
        }
    }
}
