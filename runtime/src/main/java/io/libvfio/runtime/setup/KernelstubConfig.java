package io.libvfio.runtime.setup;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pop!_OS: kernelstub keeps the kernel command line in {@code /etc/kernelstub/configuration}
 * (JSON; the {@code user} section's {@code kernel_options} list) and writes the systemd-boot
 * entry from it. Setup edits that list as {@code kernelstub --add-options} would; running
 * {@code kernelstub} (or {@code update-initramfs -u}, whose hook runs it) applies it.
 */
final class KernelstubConfig
        implements BootLoader
{
    static final String PATH = "/etc/kernelstub/configuration";

    @Override
    public String describe()
    {
        return "kernelstub (" + PATH + ")";
    }

    @Override
    public boolean present(ConfigFiles fs)
    {
        return fs.isFile(PATH);
    }

    @Override
    public List<FileChange> changes(ConfigFiles fs, List<String> parameters)
    {
        String text = fs.read(PATH).orElse("");
        Object parsed = PythonJson.parse(PATH, text);
        if (!(parsed instanceof Map<?, ?> root) || !(root.get("user") instanceof Map<?, ?> user)) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, PATH + ": no \"user\" section; is this kernelstub's configuration?");
        }
        Object options = user.get("kernel_options");
        List<String> present = new ArrayList<>();
        if (options instanceof List<?> list) {
            for (Object option : list) {
                present.add(String.valueOf(option));
            }
        }
        else if (options != null) {
            throw new VfioException(StandardErrorCode.ATTRIBUTE_MALFORMED, PATH + ": user.kernel_options is not a list");
        }
        List<String> missing = KernelParameters.missing(present, parameters);
        if (missing.isEmpty()) {
            return List.of();
        }
        Map<String, Object> newUser = new LinkedHashMap<>();
        user.forEach((key, value) -> newUser.put(String.valueOf(key), value));
        newUser.put("kernel_options", KernelParameters.merge(present, missing));
        Map<String, Object> newRoot = new LinkedHashMap<>();
        root.forEach((key, value) -> newRoot.put(String.valueOf(key), key.equals("user") ? newUser : value));
        String after = PythonJson.write(newRoot) + (text.endsWith("\n") ? "\n" : "");
        return List.of(new FileChange(PATH, Optional.of(text), after, "kernel parameters " + String.join(" ", missing)));
    }

    @Override
    public List<String> followUp(ConfigFiles fs)
    {
        return List.of("kernelstub (or update-initramfs -u, whose hook runs it)");
    }
}
