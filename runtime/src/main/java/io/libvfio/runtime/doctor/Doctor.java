package io.libvfio.runtime.doctor;

import io.libvfio.api.VfioException;
import io.libvfio.runtime.VfioRuntime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code libvfio doctor}: runs every check in a fixed order, each on its own (a check that throws
 * becomes one "unknown" finding and never stops the others), then decides readiness from the
 * capacity findings: the VM file's GPUs when one is given, else whether any GPU slice is free.
 */
public final class Doctor
{
    private static final List<DoctorCheck> HOST_CHECKS = List.of(
            new CpuVirtualizationCheck(),
            new KvmCheck(),
            new IommuCommandLineCheck(),
            new IommuGroupsCheck(),
            new KernelModulesCheck(),
            new GpuVerdictCheck(),
            new HostRequirementsCheck(),
            new HugePagesCheck(),
            new LookingGlassCheck(),
            new ToolCheck(),
            new OvmfCheck());

    private final DoctorHost host;

    public Doctor(VfioRuntime runtime)
    {
        this(runtime, new LocalDeviceFiles());
    }

    public Doctor(VfioRuntime runtime, DeviceFiles devices)
    {
        this(new DoctorHost(requireNonNull(runtime, "runtime is null"), requireNonNull(devices, "devices is null")));
    }

    Doctor(DoctorHost host)
    {
        this.host = requireNonNull(host, "host is null");
    }

    /** Checks the host, and whether it has a free GPU slice. */
    public DoctorReport run()
    {
        List<Check> checks = hostChecks();
        List<Check> capacity = run(new GpuSlicesCheck());
        checks.addAll(capacity);
        boolean ready = isReady(capacity);
        String verdict = ready ? "the host has a free GPU slice" : "no free GPU slice: " + capacity.get(0).reason();
        return new DoctorReport(checks, ready, verdict, Optional.empty());
    }

    /** Checks the host, and whether it can give a VM the GPUs its file asks for. */
    public DoctorReport run(String config, List<GpuRequest> requests)
    {
        List<Check> checks = hostChecks();
        List<Check> capacity = new ArrayList<>();
        if (requests.isEmpty()) {
            capacity.add(Check.pass("vm.gpus", "VM GPUs", config + " asks for no GPU"));
        }
        else {
            try {
                GpuRequestMatcher matcher = new GpuRequestMatcher(host);
                for (GpuRequest request : requests) {
                    capacity.add(matcher.match(request));
                }
            }
            catch (VfioException e) {
                capacity.add(Check.unknown("vm.gpus", "VM GPUs", e.getMessage()));
            }
        }
        checks.addAll(capacity);
        boolean ready = isReady(capacity);
        String verdict;
        if (ready) {
            verdict = requests.isEmpty() ? config + " asks for no GPU" : "the host can give " + config + " its GPU" + (requests.size() == 1 ? "" : "s");
        }
        else {
            List<String> missing = new ArrayList<>();
            for (Check check : capacity) {
                if (check.status() == CheckStatus.FAIL || check.status() == CheckStatus.UNKNOWN) {
                    missing.add(check.title().substring("VM ".length()) + ": " + check.reason());
                }
            }
            verdict = "the host cannot give " + config + " " + String.join("; ", missing);
        }
        return new DoctorReport(checks, ready, verdict, Optional.of(config));
    }

    private List<Check> hostChecks()
    {
        List<Check> checks = new ArrayList<>();
        for (DoctorCheck check : HOST_CHECKS) {
            checks.addAll(run(check));
        }
        return checks;
    }

    private List<Check> run(DoctorCheck check)
    {
        try {
            return check.run(host);
        }
        catch (VfioException e) {
            return List.of(Check.unknown(check.id(), check.title(), e.getMessage()));
        }
        catch (RuntimeException e) {
            return List.of(Check.unknown(check.id(), check.title(), "the check failed (a bug: please report it): %s: %s".formatted(e.getClass().getName(), e.getMessage())));
        }
    }

    private static boolean isReady(List<Check> capacity)
    {
        return !capacity.isEmpty() && capacity.stream().allMatch(check -> check.status() == CheckStatus.PASS || check.status() == CheckStatus.WARN);
    }
}
