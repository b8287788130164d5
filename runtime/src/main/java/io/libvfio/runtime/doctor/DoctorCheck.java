package io.libvfio.runtime.doctor;

import java.util.List;

/**
 * One concern of {@code libvfio doctor}. A check may answer with several findings (one per GPU,
 * module or NUMA node); a {@link io.libvfio.api.VfioException} it throws becomes one "unknown"
 * finding under its {@link #id()} and {@link #title()}.
 */
public interface DoctorCheck
{
    String id();

    String title();

    List<Check> run(DoctorHost host);
}
