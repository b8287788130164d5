package io.libvfio.runtime.setup;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Kernel parameter merging, unified diffs and kernelstub's JSON layout. */
final class TextEditsTest
{
    @Test
    void parametersAreAddedOnceAndReplaceAConflictingValue()
    {
        assertThat(KernelParameters.merge("quiet splash", List.of("intel_iommu=on", "iommu=pt"))).isEqualTo("quiet splash intel_iommu=on iommu=pt");
        assertThat(KernelParameters.merge("quiet intel_iommu=on  iommu=pt", List.of("intel_iommu=on", "iommu=pt")))
                .as("nothing missing: the text comes back untouched").isEqualTo("quiet intel_iommu=on  iommu=pt");
        assertThat(KernelParameters.merge("quiet intel-iommu=off", List.of("intel_iommu=on"))).isEqualTo("quiet intel_iommu=on");
        assertThat(KernelParameters.merge("dyndbg=\"file a.c +p\" quiet", List.of("iommu=pt"))).isEqualTo("dyndbg=\"file a.c +p\" quiet iommu=pt");
        assertThat(KernelParameters.merge("", List.of("iommu=pt"))).isEqualTo("iommu=pt");
    }

    @Test
    void aChangedLineIsARemovalThenAnAddition()
    {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String after = "a\nb\nc\nd\nE\nf\ng\nh\n";
        assertThat(UnifiedDiff.of("/etc/x", Optional.of(before), after)).isEqualTo("""
                --- a/etc/x
                +++ b/etc/x
                @@ -2,7 +2,7 @@
                 b
                 c
                 d
                -e
                +E
                 f
                 g
                 h
                """);
    }

    @Test
    void aNewFileAndAnAppendedLine()
    {
        assertThat(UnifiedDiff.of("/etc/new.conf", Optional.empty(), "x\ny\n")).isEqualTo("--- /dev/null\n+++ b/etc/new.conf\n@@ -0,0 +1,2 @@\n+x\n+y\n");
        assertThat(UnifiedDiff.of("/etc/m.conf", Optional.of("# head\nvfio\n"), "# head\nvfio\nkvmgt\n"))
                .isEqualTo("--- a/etc/m.conf\n+++ b/etc/m.conf\n@@ -1,2 +1,3 @@\n # head\n vfio\n+kvmgt\n");
    }

    @Test
    void farApartChangesMakeTwoHunks()
    {
        StringBuilder before = new StringBuilder();
        for (int line = 1; line <= 20; line++) {
            before.append("line ").append(line).append('\n');
        }
        String after = before.toString().replace("line 2\n", "line two\n").replace("line 19\n", "line nineteen\n");
        String diff = UnifiedDiff.of("/f", Optional.of(before.toString()), after);
        assertThat(diff).contains("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n", "@@ -16,5 +16,5 @@\n line 16\n line 17\n line 18\n-line 19\n+line nineteen\n line 20\n");
    }

    @Test
    void kernelstubsJsonIsWrittenAsPythonWritesIt()
    {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("kernel_options", List.of("quiet", "splash"));
        user.put("esp_path", "/boot/efi");
        user.put("setup_loader", false);
        user.put("config_rev", 3);
        user.put("empty", List.of());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("user", user);
        assertThat(PythonJson.write(root)).isEqualTo("""
                {
                  "user": {
                    "kernel_options": [
                      "quiet",
                      "splash"
                    ],
                    "esp_path": "/boot/efi",
                    "setup_loader": false,
                    "config_rev": 3,
                    "empty": []
                  }
                }""");
        assertThat(PythonJson.parse("x", PythonJson.write(root))).isEqualTo(root);
    }
}
