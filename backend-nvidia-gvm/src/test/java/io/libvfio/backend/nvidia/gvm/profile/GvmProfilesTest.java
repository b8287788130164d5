package io.libvfio.backend.nvidia.gvm.profile;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The shipped GVM profiles read unchanged, and every kind of mistake named by file, line and key. */
final class GvmProfilesTest
{
    private static final String[] SHIPPED = {"mdev-gpu/Open_vAmpere.yaml", "mdev-gpu/Open_vGeneric.yaml", "mdev-gpu/Open_vPascal.yaml",
            "mdev-gpu/Open_vTuring.yaml", "gvm-user/Open_vAmpere.toml", "gvm-user/Open_vGeneric.toml", "gvm-user/Open_vPascal.toml",
            "gvm-user/Open_vTuring.toml", "gvm-user/generic.toml"};

    private static byte[] bytes(String name)
            throws IOException
    {
        try (InputStream in = GvmProfilesTest.class.getResourceAsStream("/gvm-examples/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static GvmProfile shipped(String name)
            throws IOException
    {
        return GvmProfiles.parse(name, new String(bytes(name), StandardCharsets.UTF_8));
    }

    private static VfioException error(String file, String text)
    {
        VfioException error = catchThrowableOfType(() -> GvmProfiles.parse(file, text), VfioException.class);
        assertThat(error).as("an error for %s", file).isNotNull();
        assertThat(error.errorCode()).isEqualTo(StandardErrorCode.INVALID_CONFIG);
        return error;
    }

    @Test
    void theCopiesAreTheFilesProvenanceNames()
            throws IOException, NoSuchAlgorithmException
    {
        String provenance = new String(bytes("PROVENANCE.md"), StandardCharsets.UTF_8);
        for (String name : SHIPPED) {
            Matcher line = Pattern.compile("(?m)^([0-9a-f]{64})  " + Pattern.quote(name) + "$").matcher(provenance);
            assertThat(line.find()).as("PROVENANCE.md lists %s", name).isTrue();
            String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(name)));
            assertThat(actual).as("SHA-256 of %s", name).isEqualTo(line.group(1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mdev-gpu/Open_vGeneric.yaml", "mdev-gpu/Open_vPascal.yaml", "mdev-gpu/Open_vTuring.yaml",
            "gvm-user/Open_vGeneric.toml", "gvm-user/Open_vPascal.toml", "gvm-user/Open_vTuring.toml"})
    void theConsumerProfilesDefineThreeOneGibibyteTypes(String name)
            throws IOException
    {
        GvmProfile profile = shipped(name);

        assertThat(profile.types()).extracting(GvmTypeDefinition::typeId).containsExactly("nvidia-1", "nvidia-2", "nvidia-3");
        assertThat(profile.types()).allSatisfy(type -> {
            assertThat(type.framebufferMib()).isEqualTo(1024);
            assertThat(type.guestFramebufferMib()).isEqualTo(896);
            assertThat(type.maxInstances()).isEqualTo(10);
            assertThat(type.heads()).isEqualTo(4);
            assertThat(type.maxResolutionX()).isEqualTo(3840);
            assertThat(type.maxResolutionY()).isEqualTo(2160);
            assertThat(type.mapVideoSizeMib()).as("map_video_size/mapVideoSize read, not GVM-user's silent 24").isEqualTo(4);
            assertThat(type.ecc()).isTrue();
        });
        assertThat(profile.types()).extracting(GvmTypeDefinition::gpuClass).containsExactly("Geforce", "NVS", "Quadro");
    }

    @Test
    void theAmpereProfilesSliceFortyGibibytesInOneTwoFourAndEight()
            throws IOException
    {
        for (String name : List.of("mdev-gpu/Open_vAmpere.yaml", "gvm-user/Open_vAmpere.toml")) {
            GvmProfile profile = shipped(name);
            assertThat(profile.types()).extracting(GvmTypeDefinition::typeId).containsExactly("nvidia-529", "nvidia-530", "nvidia-531", "nvidia-532");
            assertThat(profile.types()).extracting(GvmTypeDefinition::framebufferMib).containsExactly(40_960L, 20_480L, 10_240L, 5_120L);
            assertThat(profile.types()).extracting(GvmTypeDefinition::maxInstances).containsExactly(1L, 2L, 4L, 8L);
            assertThat(profile.types().get(0).virtualDeviceId()).hasValue(0x20B01479L);
            assertThat(profile.types().get(0).line()).isPositive();
        }
        assertThat(shipped("mdev-gpu/Open_vAmpere.yaml").types().get(0).multiMdev()).isTrue();
        assertThat(shipped("mdev-gpu/Open_vAmpere.yaml").format()).isEqualTo(GvmProfile.Format.MDEV_GPU_YAML);
        assertThat(shipped("gvm-user/Open_vAmpere.toml").format()).isEqualTo(GvmProfile.Format.GVM_USER_TOML);
    }

    @Test
    void theGenericTomlReadsWithItsKnownQuirksNoted()
            throws IOException
    {
        GvmProfile profile = shipped("gvm-user/generic.toml");

        GvmTypeDefinition type = profile.types().get(0);
        assertThat(type.typeId()).isEqualTo("nvidia-22");
        assertThat(type.physicalDeviceId()).hasValue(0x1B30L);
        assertThat(type.ecc()).isFalse();
        assertThat(type.heads()).as("no num_heads: GVM-user's default").isEqualTo(1);
        assertThat(type.line()).isEqualTo(5);
        assertThat(profile.gpuFilters()).isEqualTo(1);
        assertThat(profile.notes()).containsExactly(
                "gvm-user/generic.toml:13: ecc = False is not TOML (booleans are lowercase); read as false",
                "gvm-user/generic.toml:14: multi_mdev = False is not TOML (booleans are lowercase); read as false",
                "gvm-user/generic.toml:13: ecc read as ecc_support (GVM-user's parser reads only ecc_support and ignores this key)",
                "gvm-user/generic.toml:16: map_video_size read as map_vid_size (GVM-user's parser reads only map_vid_size and ignores this key)");
    }

    @Test
    void aMissingRequiredKeyNamesTheDefinitionsLine()
    {
        assertThat(error("p.yaml", "gpus:\n- mdevConfigs:\n  - num: 7\n    fbLen: 512\n    fbRes: 64\n").getMessage())
                .isEqualTo("p.yaml:3: maxInstances: required key missing from this type definition");
        assertThat(error("p.toml", "[[config]]\n[[config.request]]\nnum = 7\nfb_len = 512\nmax_instances = 2\n").getMessage())
                .isEqualTo("p.toml:2: fb_res: required key missing from this type definition");
    }

    @Test
    void unknownKeysBadValuesAndRepeatsNameTheLineAndKey()
    {
        assertThat(error("p.yaml", "gpus:\n- mdevConfigs:\n  - num: 7\n    fbLenn: 512\n").getMessage())
                .startsWith("p.yaml:4: fbLenn: unknown key (known here: num, name, gpuClass, maxInstances, fbLen,");
        assertThat(error("p.yaml", "gpus:\n- mdevConfigs:\n  - num: seven\n").getMessage())
                .isEqualTo("p.yaml:3: num: expected a whole number (decimal, or hexadecimal with 0x) (value 'seven')");
        assertThat(error("p.toml", "[[config]]\n[[config.request]]\nnum = 7\nfb_len = 512\nfb_res = 0\nmax_instances = 0\n").getMessage())
                .isEqualTo("p.toml:6: max_instances: must be between 1 and 4294967295 (value '0')");
        assertThat(error("p.toml", "[[config]]\n[[config.request]]\nnum = 7\nfb_len = 5\nfb_res = 0\nmax_instances = 1\n"
                + "[[config.request]]\nnum = 7\nfb_len = 5\nfb_res = 0\nmax_instances = 1\n").getMessage())
                .isEqualTo("p.toml:8: num: type nvidia-7 is already defined on line 2 (value '7')");
        assertThat(error("p.toml", "[[config]]\n[[config.request]]\nmap_vid_size = 4\nmap_video_size = 8\n").getMessage())
                .isEqualTo("p.toml:4: map_video_size: the same setting as map_vid_size on line 3");
        assertThat(error("p.yaml", "gpus:\n- mdevConfigs:\n  - num: 7\n    num: 8\n").getMessage())
                .isEqualTo("p.yaml:4: num: key written twice in one mapping");
    }

    @Test
    void syntaxErrorsNameTheirLine()
    {
        assertThat(error("p.yaml", "gpus:\n- mdevConfigs:\n  - num: [7\n").getMessage()).startsWith("p.yaml:4: not valid YAML:");
        assertThat(error("p.toml", "[[config]]\n[[config.request]]\nnum = {a = 1}\n").getMessage())
                .isEqualTo("p.toml:3: num: '{a = 1}' is not a number, boolean or string");
        assertThat(error("p.toml", "[[config]\n").getMessage()).isEqualTo("p.toml:1: '[[config]': an array-of-tables header ends with ]]");
        assertThat(error("p.yaml", "").getMessage()).isEqualTo("p.yaml:1: the file is empty; expected a mapping with the key gpus");
        assertThat(error("p.yaml", "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n").getMessage())
                .isEqualTo("p.yaml:1: not valid YAML: Global tag is not allowed: tag:yaml.org,2002:javax.script.ScriptEngineManager");
    }

    @Test
    void aFileWithoutAKnownExtensionIsToldApartByItsFirstTable()
    {
        assertThat(GvmProfiles.parse("generate-vgpu-types", "[[config]]\n[[config.request]]\nnum = 3\nfb_len = 1\nfb_res = 0\nmax_instances = 1\n").format())
                .isEqualTo(GvmProfile.Format.GVM_USER_TOML);
        assertThat(GvmProfiles.parse("generate-vgpu-types", "gpus:\n- mdevConfigs:\n  - {num: 3, fbLen: 1, fbRes: 0, maxInstances: 1}\n").format())
                .isEqualTo(GvmProfile.Format.MDEV_GPU_YAML);
    }
}
