package io.libvfio.runtime.doctor;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One finding of {@code libvfio doctor}.
 *
 * @param id a stable identifier ({@code iommu.groups}, {@code gpu.0000:01:00.0}, {@code module.vfio_pci})
 * @param title what was checked, in words
 * @param status the outcome
 * @param reason one line: what was found
 * @param fix what to do about it; empty when there is nothing to do
 */
public record Check(String id, String title, CheckStatus status, String reason, Optional<String> fix)
{
    public Check
    {
        requireNonNull(id, "id is null");
        requireNonNull(title, "title is null");
        requireNonNull(status, "status is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(fix, "fix is null");
    }

    public static Check pass(String id, String title, String reason)
    {
        return new Check(id, title, CheckStatus.PASS, reason, Optional.empty());
    }

    public static Check warn(String id, String title, String reason, String fix)
    {
        return new Check(id, title, CheckStatus.WARN, reason, Optional.of(fix));
    }

    public static Check fail(String id, String title, String reason, String fix)
    {
        return new Check(id, title, CheckStatus.FAIL, reason, Optional.of(fix));
    }

    public static Check unknown(String id, String title, String reason)
    {
        return new Check(id, title, CheckStatus.UNKNOWN, reason, Optional.empty());
    }
}
