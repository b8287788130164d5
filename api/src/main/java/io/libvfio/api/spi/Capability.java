package io.libvfio.api.spi;

/** Optional operations a backend declares; an undeclared one throws {@code OPERATION_UNSUPPORTED}. */
public enum Capability
{
    /** {@link Backend#create} works. */
    CREATE,
    /** {@link Backend#destroy} works. */
    DESTROY,
    /** {@link Backend#scheduleHint} includes a vendor scheduler weight or time slice. */
    SCHEDULER_SHARES,
    /** The backend can list instances that exist on the host, including ones it did not create. */
    LIST_INSTANCES
}
