package io.libvfio.runtime.registry;

import io.libvfio.api.Mechanism;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.SupportEntry;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The hardware support matrix: what every installed backend declares it handles
 * ({@link BackendProvider#support()}), plus the runtime's own whole-GPU passthrough, rendered as
 * the markdown table the README carries between its {@code support-matrix} markers.
 */
public final class SupportMatrix
{
    /** The runtime's own row: any GPU with an IOMMU group goes to one VM whole. */
    public static final SupportEntry PASSTHROUGH = new SupportEntry("any", "any GPU with an IOMMU group", Mechanism.PASSTHROUGH,
            "any with VFIO", "IOMMU on, `vfio-pci`", true);
    /** The name the runtime's own row shows in the backend column. */
    public static final String RUNTIME = "(runtime)";

    private static final String HEADER = "| backend | vendor | hardware | mechanism | kernel | host requirements | discover / types | create / destroy |\n"
            + "| --- | --- | --- | --- | --- | --- | --- | --- |\n";

    private SupportMatrix()
    {
    }

    /** One row of the matrix: who declares it, and what. */
    public record Row(String backend, SupportEntry entry)
    {
        public Row
        {
            requireNonNull(backend, "backend is null");
            requireNonNull(entry, "entry is null");
        }
    }

    /** Every provider's entries, in the registry's order, then the runtime's passthrough row. */
    public static List<Row> rows(List<BackendProvider> providers)
    {
        List<Row> rows = new ArrayList<>();
        for (BackendProvider provider : providers) {
            for (SupportEntry entry : provider.support()) {
                rows.add(new Row(provider.name(), entry));
            }
        }
        rows.add(new Row(RUNTIME, PASSTHROUGH));
        return rows;
    }

    /** The markdown table, header included, one line per row, ending with a newline. */
    public static String markdown(List<BackendProvider> providers)
    {
        StringBuilder table = new StringBuilder(HEADER);
        for (Row row : rows(providers)) {
            SupportEntry entry = row.entry();
            String backend = row.backend().equals(RUNTIME) ? RUNTIME : "`" + row.backend() + "`";
            table.append("| ").append(backend)
                    .append(" | ").append(entry.vendor())
                    .append(" | ").append(entry.hardware())
                    .append(" | ").append(entry.mechanism().label())
                    .append(" | ").append(entry.kernel())
                    .append(" | ").append(entry.requirements())
                    .append(" | yes | ").append(entry.createDestroy() ? "yes" : "not yet")
                    .append(" |\n");
        }
        return table.toString();
    }
}
