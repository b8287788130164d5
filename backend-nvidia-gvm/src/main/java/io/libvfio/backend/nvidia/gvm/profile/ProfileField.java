package io.libvfio.backend.nvidia.gvm.profile;

/**
 * What a GVM vGPU type definition says, in the words of both file formats (libvfio-original §7):
 * the Mdev-GPU YAML key and the GVM-user TOML key of each, and the TOML keys the shipped files use
 * that GVM-user's own parser spells differently (known aliases).
 */
enum ProfileField
{
    NUM("num", "num", false),
    NAME("name", "name", false),
    GPU_CLASS("gpuClass", "class", false),
    MAX_INSTANCES("maxInstances", "max_instances", false),
    FB_LEN("fbLen", "fb_len", false),
    FB_RES("fbRes", "fb_res", false),
    MAP_VIDEO_SIZE("mapVideoSize", "map_vid_size", false),
    V_DEV_ID("vDevId", "v_dev_id", false),
    P_DEV_ID("pDevId", "p_dev_id", false),
    ECC("ecc", "ecc_support", false),
    MULTI_MDEV("multiMdev", "multi_mdev", false),
    ENC_CAP("encCap", "enc_cap", false),
    BAR1_LEN("bar1Len", "bar1_len", false),
    NUM_HEADS("numHeads", "num_heads", true),
    MAX_RES_X("maxResX", "max_res_x", true),
    MAX_RES_Y("maxResY", "max_res_y", true),
    FRL_CONFIG("frlConfig", "frl_config", true),
    FRL_ENABLE("frlEnable", "frl_enable", true);

    private final String yamlKey;
    private final String tomlKey;
    private final boolean display;

    ProfileField(String yamlKey, String tomlKey, boolean display)
    {
        this.yamlKey = yamlKey;
        this.tomlKey = tomlKey;
        this.display = display;
    }

    String yamlKey()
    {
        return yamlKey;
    }

    String tomlKey()
    {
        return tomlKey;
    }

    /** True for the keys of the display sub-table ({@code virtDisplay}, {@code [config.request.display]}). */
    boolean display()
    {
        return display;
    }

    static ProfileField yaml(String key, boolean inDisplay)
    {
        for (ProfileField field : values()) {
            if (field.display == inDisplay && field.yamlKey.equals(key)) {
                return field;
            }
        }
        return null;
    }

    static ProfileField toml(String key, boolean inDisplay)
    {
        for (ProfileField field : values()) {
            if (field.display == inDisplay && field.tomlKey.equals(key)) {
                return field;
            }
        }
        return null;
    }

    /**
     * TOML keys the shipped GVM-user files use for a field under another name: {@code map_video_size}
     * (GVM-user reads {@code map_vid_size}, so gvm-cli ignores it and uses 24 MiB) and {@code ecc}
     * ({@code configs/generic.toml}; the parser reads {@code ecc_support}).
     */
    static ProfileField tomlAlias(String key)
    {
        return switch (key) {
            case "map_video_size" -> MAP_VIDEO_SIZE;
            case "ecc" -> ECC;
            default -> null;
        };
    }
}
