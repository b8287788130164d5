package io.libvfio.runtime.setup;

import io.libvfio.api.HostInventory;
import io.libvfio.api.PciDevice;
import io.libvfio.api.spi.HostRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Never touches a GPU the host's display uses: a module may be blacklisted only if every display
 * controller it drives is one of the GPUs that need it gone, and none of those is the boot VGA
 * (the console). Otherwise says why not.
 */
final class DisplayGuard
{
    private DisplayGuard()
    {
    }

    /** Why the requirement's blacklist must not be written, or empty when it may. */
    static Optional<String> refusal(HostInventory inventory, HostRequirement blacklist)
    {
        String module = blacklist.value();
        List<String> others = new ArrayList<>();
        for (PciDevice device : inventory.devices()) {
            if (!device.isDisplayController() || device.isVirtualFunction()) {
                continue;
            }
            boolean target = blacklist.devices().contains(device.address());
            if (device.bootVga().orElse(false) && (target || drives(device, module))) {
                return Optional.of("not blacklisting %s: %s (%s) is the boot VGA, the host's display".formatted(module, device.address(), device.displayName()));
            }
            if (!target && drives(device, module)) {
                others.add("%s (%s)".formatted(device.address(), device.displayName()));
            }
        }
        if (!others.isEmpty()) {
            return Optional.of("not blacklisting %s: it also drives %s, which the host keeps".formatted(module, String.join(", ", others)));
        }
        return Optional.empty();
    }

    private static boolean drives(PciDevice device, String module)
    {
        return device.driver().map(driver -> driver.replace('-', '_').equals(module.replace('-', '_'))).orElse(false);
    }
}
