package io.libvfio.backend.nvidia.gvm.profile;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Locale;

/**
 * Reads GVM vGPU-type profiles as the Arc-Compute tools ship them, unchanged: Mdev-GPU YAML
 * ({@code .yaml}, {@code .yml}, {@code .json}) and GVM-user TOML ({@code .toml}). A file of another
 * name is told apart by its first table: TOML profiles start with {@code [[config]]}. Errors are
 * {@code INVALID_CONFIG} and name the file, the line and the key.
 */
public final class GvmProfiles
{
    private static final int MAX_LENGTH = 1024 * 1024;

    private GvmProfiles()
    {
    }

    /** Parses one profile file's text; {@code file} is the name errors give. */
    public static GvmProfile parse(String file, String text)
    {
        if (text.length() > MAX_LENGTH) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, "%s: larger than %d characters; not a GVM profile".formatted(file, MAX_LENGTH));
        }
        String lower = file.toLowerCase(Locale.ROOT);
        boolean toml = lower.endsWith(".toml")
                || !(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) && text.strip().startsWith("[[config]]");
        return toml ? new GvmUserTomlReader(file).read(text) : new MdevGpuYamlReader(file).read(text);
    }
}
