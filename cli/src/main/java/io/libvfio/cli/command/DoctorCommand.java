package io.libvfio.cli.command;

import io.libvfio.api.ErrorCategory;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.doctor.Check;
import io.libvfio.runtime.doctor.CheckStatus;
import io.libvfio.runtime.doctor.Doctor;
import io.libvfio.runtime.doctor.DoctorReport;
import io.libvfio.runtime.doctor.GpuRequest;
import io.libvfio.runtime.doctor.VmConfigReader;
import io.libvfio.runtime.facts.KernelModules;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code libvfio doctor [VM.yaml]}: whether this host can run VMs with GPU slices, check by
 * check, each with a reason and a fix. The exit code is the answer: 0 when the VM file's GPUs
 * can be had (or, without a file, when at least one GPU slice is free), 9 otherwise.
 */
public final class DoctorCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("doctor",
            "Check whether this host can run VMs with GPU slices: CPU, KVM, IOMMU, modules, GPUs, drivers, hugepages, Looking Glass, QEMU.",
            List.of("Each finding is pass, warn, fail or unknown, with a one-line reason and a concrete fix.",
                    "Exit code 0 when the VM file's GPUs can be had (without a file: when at least one GPU slice is free),",
                    "9 when not; other findings do not change the exit code."),
            List.of(),
            List.of(new ParameterSpec("VM.yaml", "A LibVF.IO VM file: check that the GPUs it asks for (its gpus list) can be had here.", false)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        Optional<String> config = session.arguments().parameter(0);
        // a bad VM file is an error before the host is looked at
        Optional<List<GpuRequest>> requests = config.map(file -> VmConfigReader.read(Path.of(file)));
        VfioRuntime runtime = session.runtime();
        Doctor doctor = new Doctor(runtime);
        DoctorReport report = requests.isPresent() ? doctor.run(config.get(), requests.get()) : doctor.run();
        if (session.json()) {
            json(session.out(), runtime, report);
        }
        else {
            text(session.out(), runtime, report);
        }
        if (!report.ready()) {
            session.exitWith(ErrorCategory.NO_CAPACITY);
        }
    }

    private static void text(PrintWriter out, VfioRuntime runtime, DoctorReport report)
    {
        String kernel = KernelModules.read(runtime.fs()).release().map(release -> ", kernel " + release).orElse("");
        out.println("libvfio doctor: host " + runtime.paths() + kernel + report.config().map(file -> ", VM file " + file).orElse(""));
        out.println();
        Table table = new Table("STATUS", "CHECK", "FINDING");
        for (Check check : report.checks()) {
            table.row(check.status().name(), check.title(), check.reason());
            check.fix().ifPresent(fix -> table.note("fix: " + fix));
        }
        table.print(out);
        out.println();
        out.println("%d pass, %d warn, %d fail, %d unknown.".formatted(report.count(CheckStatus.PASS), report.count(CheckStatus.WARN),
                report.count(CheckStatus.FAIL), report.count(CheckStatus.UNKNOWN)));
        out.println(report.ready()
                ? "Ready: " + report.verdict() + "."
                : "Not ready (exit code %d): %s.".formatted(ErrorCategory.NO_CAPACITY.exitCode(), report.verdict()));
        out.flush();
    }

    private static void json(PrintWriter out, VfioRuntime runtime, DoctorReport report)
    {
        Map<String, Object> document = Json.document();
        document.put("root", runtime.paths().toString());
        document.put("config", report.config().orElse(null));
        document.put("ready", report.ready());
        document.put("exitCode", report.ready() ? 0 : ErrorCategory.NO_CAPACITY.exitCode());
        document.put("verdict", report.verdict());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (CheckStatus status : CheckStatus.values()) {
            summary.put(status.label(), report.count(status));
        }
        document.put("summary", summary);
        List<Object> checks = new ArrayList<>();
        for (Check check : report.checks()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", check.id());
            view.put("title", check.title());
            view.put("status", check.status().label());
            view.put("reason", check.reason());
            view.put("fix", check.fix().orElse(null));
            checks.add(view);
        }
        document.put("checks", checks);
        Json.print(out, document);
    }
}
