package io.libvfio.cli.command;

import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostLock;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.setup.AtomicFileWriter;
import io.libvfio.runtime.setup.FileChange;
import io.libvfio.runtime.setup.SetupOptions;
import io.libvfio.runtime.setup.SetupPlan;
import io.libvfio.runtime.setup.SetupPlanner;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code libvfio setup [--apply]}: what the host's configuration must say for VMs with GPU slices,
 * as unified diffs; with {@code --apply} it writes them (all files or none), under the root.
 */
public final class SetupCommand
        implements CliCommand
{
    static final OptionSpec APPLY = OptionSpec.flag("--apply", "Write the changes (after showing them); without it nothing is written.");
    static final OptionSpec USER = OptionSpec.valued("--user", "NAME",
            "Owner of the Looking Glass shared memory in the tmpfiles rule (default root; its group is kvm).");
    private static final CommandSpec SPEC = new CommandSpec("setup",
            "Show what the host's configuration must say for VMs with GPU slices, as diffs; write it with --apply.",
            List.of("Kernel parameters go to the boot loader's configuration: GRUB (/etc/default/grub), systemd-boot",
                    "(/etc/kernel/cmdline or loader entries) or kernelstub (Pop!_OS); modules to /etc/modules-load.d and",
                    "/etc/modprobe.d; a tmpfiles rule creates the Looking Glass shared memory. Running it twice changes nothing.",
                    "It never installs or removes packages, never runs a program (it prints the follow-up, e.g. update-grub),",
                    "and never blacklists a module the host's display uses."),
            List.of(APPLY, USER), List.of());

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        SetupOptions options = new SetupOptions(session.arguments().value(USER.name()).orElse("root"));
        boolean apply = session.arguments().has(APPLY.name());
        VfioRuntime runtime = session.runtime();
        SetupPlan plan;
        List<String> written = List.of();
        if (apply) {
            // Planned and written under the host lock: a second 'setup --apply' waits, then plans from what the first wrote.
            try (HostLock.Held held = HostLock.of(RuntimeDirectories.forRoot(runtime.paths().root())).acquire()) {
                plan = new SetupPlanner(runtime, options).plan();
                if (!session.json()) {
                    text(session.out(), runtime, plan, true);
                }
                if (!plan.isEmpty()) {
                    written = new AtomicFileWriter(runtime.paths()).apply(plan.changes());
                }
            }
        }
        else {
            plan = new SetupPlanner(runtime, options).plan();
            if (!session.json()) {
                text(session.out(), runtime, plan, false);
            }
        }
        if (session.json()) {
            json(session.out(), runtime, plan, apply, written);
            return;
        }
        PrintWriter out = session.out();
        if (!plan.isEmpty()) {
            out.println(apply ? "Wrote " + String.join(", ", written) + "." : "Nothing written: run 'libvfio setup --apply' to make these changes.");
        }
        if (!plan.followUp().isEmpty() && (apply || !plan.isEmpty())) {
            out.println(apply ? "Then run, as root on the host:" : "After --apply, run, as root on the host:");
            for (String command : plan.followUp()) {
                out.println("  " + command);
            }
        }
        out.flush();
    }

    private static void text(PrintWriter out, VfioRuntime runtime, SetupPlan plan, boolean apply)
    {
        out.println("libvfio setup: host " + runtime.paths());
        out.println("Boot loader: " + (plan.bootLoaders().isEmpty() ? "none found" : String.join(", ", plan.bootLoaders())));
        out.println("Kernel command line needs: " + String.join(" ", plan.kernelParameters()));
        out.println();
        if (plan.isEmpty()) {
            out.println("Nothing to change: the configuration under " + runtime.paths() + " already has what libvfio needs.");
        }
        else {
            out.println((apply ? "Writing" : "Would write") + " %d file%s:".formatted(plan.changes().size(), plan.changes().size() == 1 ? "" : "s"));
            for (FileChange change : plan.changes()) {
                out.println();
                out.println(change.path() + (change.creates() ? " (new)" : "") + ": " + change.reason());
                out.print(change.diff());
            }
        }
        list(out, "Left alone:", plan.skipped());
        list(out, "By hand (setup never installs anything):", plan.manual());
        out.println();
        out.flush();
    }

    private static void list(PrintWriter out, String title, List<String> items)
    {
        if (items.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        for (String item : items) {
            out.println("  - " + item);
        }
    }

    private static void json(PrintWriter out, VfioRuntime runtime, SetupPlan plan, boolean apply, List<String> written)
    {
        Map<String, Object> document = Json.document();
        document.put("root", runtime.paths().toString());
        document.put("apply", apply);
        document.put("bootLoaders", plan.bootLoaders());
        document.put("kernelParameters", plan.kernelParameters());
        List<Object> changes = new ArrayList<>();
        for (FileChange change : plan.changes()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("path", change.path());
            view.put("reason", change.reason());
            view.put("creates", change.creates());
            view.put("written", written.contains(change.path()));
            view.put("diff", change.diff());
            changes.add(view);
        }
        document.put("changes", changes);
        document.put("skipped", plan.skipped());
        document.put("manual", plan.manual());
        document.put("followUp", plan.followUp());
        Json.print(out, document);
    }
}
