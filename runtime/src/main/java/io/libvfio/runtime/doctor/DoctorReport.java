package io.libvfio.runtime.doctor;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What doctor found: every check, in order, and the answer the exit code gives.
 *
 * @param checks every finding
 * @param ready whether the host can give the VM its GPUs (with a VM file), or has at least one free GPU slice (without)
 * @param verdict one line saying which, and why not
 * @param config the VM file, when one was given
 */
public record DoctorReport(List<Check> checks, boolean ready, String verdict, Optional<String> config)
{
    public DoctorReport
    {
        checks = List.copyOf(requireNonNull(checks, "checks is null"));
        requireNonNull(verdict, "verdict is null");
        requireNonNull(config, "config is null");
    }

    public long count(CheckStatus status)
    {
        return checks.stream().filter(check -> check.status() == status).count();
    }
}
