package io.libvfio.runtime.facts;

import io.libvfio.api.spi.HostFs;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The kernel's modules: loaded ones from {@code /sys/module/<name>}, loadable ones from
 * {@code /lib/modules/<release>/modules.dep}, built-in ones from {@code modules.builtin}, the
 * release from {@code /proc/sys/kernel/osrelease}. Names compare with {@code -} and {@code _}
 * alike, as modprobe does.
 */
public final class KernelModules
{
    public static final String OSRELEASE = "/proc/sys/kernel/osrelease";

    private final HostFs fs;
    private final Optional<String> release;
    private final Optional<Set<String>> loadable;
    private final Optional<Set<String>> builtIn;

    private KernelModules(HostFs fs, Optional<String> release, Optional<Set<String>> loadable, Optional<Set<String>> builtIn)
    {
        this.fs = fs;
        this.release = release;
        this.loadable = loadable;
        this.builtIn = builtIn;
    }

    public static KernelModules read(HostFs fs)
    {
        requireNonNull(fs, "fs is null");
        Optional<String> release = fs.read(OSRELEASE).map(String::trim).filter(text -> !text.isEmpty() && text.indexOf('/') < 0);
        Optional<Set<String>> loadable = release.flatMap(value -> fs.read(directory(value) + "/modules.dep")).map(KernelModules::names);
        Optional<Set<String>> builtIn = release.flatMap(value -> fs.read(directory(value) + "/modules.builtin")).map(KernelModules::names);
        return new KernelModules(fs, release, loadable, builtIn);
    }

    /** The running kernel's release ({@code uname -r}), when the root has it. */
    public Optional<String> release()
    {
        return release;
    }

    /** Where the module lists are looked up: {@code /lib/modules/<release>}. */
    public static String directory(String release)
    {
        return "/lib/modules/" + release;
    }

    /** Whether this kernel's module lists were found, so that LOADABLE and MISSING can be told apart. */
    public boolean listsKnown()
    {
        return loadable.isPresent() || builtIn.isPresent();
    }

    public ModuleState state(String module)
    {
        String name = normalize(module);
        String sys = "/sys/module/" + name;
        if (fs.isDirectory(sys)) {
            if (fs.exists(sys + "/initstate") || fs.exists(sys + "/refcnt")) {
                return ModuleState.LOADED;
            }
            return ModuleState.BUILT_IN;
        }
        if (builtIn.map(names -> names.contains(name)).orElse(false)) {
            return ModuleState.BUILT_IN;
        }
        if (loadable.map(names -> names.contains(name)).orElse(false)) {
            return ModuleState.LOADABLE;
        }
        return listsKnown() ? ModuleState.MISSING : ModuleState.UNKNOWN;
    }

    /** Module names in a {@code modules.dep} or {@code modules.builtin}: the first path of each line, without directory and extension. */
    static Set<String> names(String text)
    {
        Set<String> names = new HashSet<>();
        for (String line : text.split("\n")) {
            int end = line.indexOf(':');
            String path = (end < 0 ? line : line.substring(0, end)).trim();
            if (path.isEmpty()) {
                continue;
            }
            String file = path.substring(path.lastIndexOf('/') + 1);
            int ko = file.indexOf(".ko");
            names.add(normalize(ko < 0 ? file : file.substring(0, ko)));
        }
        return names;
    }

    public static String normalize(String module)
    {
        return module.replace('-', '_');
    }
}
