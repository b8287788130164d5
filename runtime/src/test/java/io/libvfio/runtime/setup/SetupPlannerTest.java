package io.libvfio.runtime.setup;

import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.doctor.DoctorHosts;
import io.libvfio.runtime.doctor.StubBackend;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What setup would write, boot loader by boot loader, and that a second run changes nothing. */
final class SetupPlannerTest
{
    private static final String GRUB = "GRUB_DEFAULT=0\nGRUB_TIMEOUT=5\nGRUB_CMDLINE_LINUX_DEFAULT=\"quiet splash\"\nGRUB_CMDLINE_LINUX=\"\"\n";
    private static final StubBackend GVT = new StubBackend("stub-gvt")
            .require(HostRequirement.kernelParameter("i915.enable_gvt=1", List.of(PciAddress.parse(DoctorHosts.GPU)), "GVT-g on 0000:01:00.0", false, "off"))
            .require(HostRequirement.loadModule("kvmgt", List.of(PciAddress.parse(DoctorHosts.GPU)), "GVT-g on 0000:01:00.0", false, "not loaded"));

    @TempDir
    Path root;

    private SimulatedHost host()
    {
        return DoctorHosts.desktop(root);
    }

    private static SetupPlan plan(SimulatedHost host, BackendProvider... backends)
    {
        return new SetupPlanner(DoctorHosts.runtime(host, backends), SetupOptions.defaults()).plan();
    }

    private static List<String> apply(SimulatedHost host, BackendProvider... backends)
    {
        VfioRuntime runtime = DoctorHosts.runtime(host, backends);
        return new AtomicFileWriter(runtime.paths()).apply(new SetupPlanner(runtime, SetupOptions.defaults()).plan().changes());
    }

    private static FileChange change(SetupPlan plan, String path)
    {
        return plan.changes().stream().filter(change -> change.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no change to " + path + " in " + plan.changes()));
    }

    @Test
    void grubGetsTheIommuParametersAndASecondRunChangesNothing()
            throws IOException
    {
        SimulatedHost host = host();
        host.writeText("etc/default/grub", GRUB);
        host.writeText("usr/sbin/update-grub", "");

        SetupPlan plan = plan(host);

        assertThat(plan.bootLoaders()).containsExactly("GRUB (/etc/default/grub)");
        assertThat(plan.kernelParameters()).containsExactly("intel_iommu=on", "iommu=pt");
        assertThat(change(plan, "/etc/default/grub").diff()).isEqualTo("""
                --- a/etc/default/grub
                +++ b/etc/default/grub
                @@ -1,4 +1,4 @@
                 GRUB_DEFAULT=0
                 GRUB_TIMEOUT=5
                -GRUB_CMDLINE_LINUX_DEFAULT="quiet splash"
                +GRUB_CMDLINE_LINUX_DEFAULT="quiet splash intel_iommu=on iommu=pt"
                 GRUB_CMDLINE_LINUX=""
                """);
        assertThat(change(plan, SetupPlanner.MODULES_LOAD).after()).isEqualTo(
                "# Written by libvfio setup: modules VMs with GPUs need, loaded at boot.\nvfio\nvfio_iommu_type1\nvfio_pci\n");
        assertThat(change(plan, SetupPlanner.TMPFILES).after()).endsWith("\nf /dev/shm/looking-glass 0660 root kvm -\n");
        assertThat(plan.changes()).noneMatch(change -> change.path().equals(SetupPlanner.MODPROBE));
        assertThat(plan.followUp()).containsExactly("update-grub", "systemd-tmpfiles --create " + SetupPlanner.TMPFILES,
                "reboot (the kernel command line and modules take effect at boot)");

        assertThat(apply(host)).containsExactly("/etc/default/grub", SetupPlanner.MODULES_LOAD, SetupPlanner.TMPFILES);
        assertThat(Files.readString(root.resolve("etc/default/grub"))).isEqualTo(GRUB.replace("quiet splash", "quiet splash intel_iommu=on iommu=pt"));
        SetupPlan again = plan(host);
        assertThat(again.isEmpty()).isTrue();
        assertThat(again.followUp()).isEmpty();
    }

    @Test
    void gvtgParametersOnlyForAGvtgHost()
    {
        SimulatedHost host = host();
        host.writeText("etc/default/grub", GRUB);

        assertThat(plan(host, GVT).kernelParameters()).containsExactly("intel_iommu=on", "iommu=pt", "i915.enable_gvt=1");
        assertThat(change(plan(host, GVT), SetupPlanner.MODULES_LOAD).after()).endsWith("vfio_pci\nmdev\nkvmgt\n");
        assertThat(plan(host).kernelParameters()).doesNotContain("i915.enable_gvt=1");
    }

    @Test
    void aParameterAlreadyInGrubCmdlineLinuxCountsAndAnOffValueIsReplaced()
    {
        SimulatedHost host = host();
        host.writeText("etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT='quiet intel_iommu=off'\nGRUB_CMDLINE_LINUX=\"iommu=pt\"\n");

        assertThat(change(plan(host), "/etc/default/grub").after())
                .isEqualTo("GRUB_CMDLINE_LINUX_DEFAULT='quiet intel_iommu=on'\nGRUB_CMDLINE_LINUX=\"iommu=pt\"\n");
    }

    @Test
    void systemdBootsKernelCmdlineFile()
    {
        SimulatedHost host = host();
        host.writeText("etc/kernel/cmdline", "root=ZFS=rpool/ROOT/pve-1 boot=zfs\n");
        host.writeText("usr/sbin/proxmox-boot-tool", "");
        host.writeText("boot/efi/loader/entries/proxmox-6.8.conf", "title Proxmox\noptions root=ZFS=rpool/ROOT/pve-1 boot=zfs\n");

        SetupPlan plan = plan(host);

        assertThat(plan.bootLoaders()).containsExactly("systemd-boot (/etc/kernel/cmdline)");
        assertThat(change(plan, "/etc/kernel/cmdline").after()).isEqualTo("root=ZFS=rpool/ROOT/pve-1 boot=zfs intel_iommu=on iommu=pt\n");
        assertThat(plan.changes()).as("entries are kernel-install's to write").noneMatch(change -> change.path().contains("loader/entries"));
        assertThat(plan.followUp()).first().isEqualTo("proxmox-boot-tool refresh");
    }

    @Test
    void systemdBootLoaderEntriesWithAndWithoutAnOptionsLine()
    {
        SimulatedHost host = host();
        host.writeText("boot/loader/entries/arch.conf", "title Arch Linux\nlinux /vmlinuz-linux\noptions root=/dev/sda2 rw\n");
        host.writeText("boot/loader/entries/fallback.conf", "title Fallback\nlinux /vmlinuz-linux\n");

        SetupPlan plan = plan(host);

        assertThat(plan.bootLoaders()).containsExactly("systemd-boot (loader/entries/*.conf)");
        assertThat(change(plan, "/boot/loader/entries/arch.conf").after()).isEqualTo("title Arch Linux\nlinux /vmlinuz-linux\noptions root=/dev/sda2 rw intel_iommu=on iommu=pt\n");
        assertThat(change(plan, "/boot/loader/entries/fallback.conf").after()).isEqualTo("title Fallback\nlinux /vmlinuz-linux\noptions intel_iommu=on iommu=pt\n");
        assertThat(plan.followUp()).doesNotContain("update-grub");
    }

    @Test
    void popOsKernelstubConfiguration()
            throws IOException
    {
        SimulatedHost host = host();
        String configuration = """
                {
                  "default": {
                    "kernel_options": [
                      "quiet",
                      "splash"
                    ],
                    "esp_path": "/boot/efi",
                    "setup_loader": false,
                    "manage_mode": false,
                    "force_update": false,
                    "live_mode": false,
                    "config_rev": 3
                  },
                  "user": {
                    "kernel_options": [
                      "quiet",
                      "loglevel=0",
                      "systemd.show_status=false",
                      "splash"
                    ],
                    "esp_path": "/boot/efi",
                    "setup_loader": true,
                    "manage_mode": true,
                    "force_update": false,
                    "live_mode": false,
                    "config_rev": 3
                  }
                }""";
        host.writeText("etc/kernelstub/configuration", configuration);
        host.writeText("boot/efi/loader/entries/Pop_OS-current.conf", "title Pop!_OS\noptions root=UUID=x ro quiet splash\n");
        host.writeText("etc/default/grub", GRUB);

        SetupPlan plan = plan(host, GVT);

        assertThat(plan.bootLoaders()).containsExactly("kernelstub (/etc/kernelstub/configuration)", "GRUB (/etc/default/grub)");
        assertThat(change(plan, "/etc/kernelstub/configuration").after()).isEqualTo(configuration.replace(
                "      \"splash\"\n    ],\n    \"esp_path\": \"/boot/efi\",\n    \"setup_loader\": true",
                "      \"splash\",\n      \"intel_iommu=on\",\n      \"iommu=pt\",\n      \"i915.enable_gvt=1\"\n    ],\n    \"esp_path\": \"/boot/efi\",\n    \"setup_loader\": true"));
        assertThat(plan.changes()).as("kernelstub writes the entries").noneMatch(change -> change.path().contains("loader/entries"));
        assertThat(plan.followUp()).contains("kernelstub (or update-initramfs -u, whose hook runs it)");

        apply(host, GVT);
        assertThat(plan(host, GVT).isEmpty()).isTrue();
    }

    @Test
    void withoutABootLoaderTheParametersAreAManualStep()
    {
        SetupPlan plan = plan(host());

        assertThat(plan.bootLoaders()).isEmpty();
        assertThat(plan.manual()).anySatisfy(step -> assertThat(step).startsWith("no boot loader configuration under the root").endsWith("add intel_iommu=on iommu=pt to the kernel command line yourself"));
        assertThat(plan.changes()).extracting(FileChange::path).containsExactly(SetupPlanner.MODULES_LOAD, SetupPlanner.TMPFILES);
    }

    @Test
    void anMxgpuHostBlacklistsAmdgpuUnlessTheDisplayUsesIt()
    {
        SimulatedHost host = host();
        host.add(SimulatedHost.function("0000:03:00.0").ids(0x1002, 0x6929).classCode(0x038000).driver("amdgpu").iommuGroup(4));
        StubBackend gim = new StubBackend("stub-gim").require(HostRequirement.blacklistModule("amdgpu", List.of(PciAddress.parse("0000:03:00.0")),
                "MxGPU VFs on 0000:03:00.0", false, "amdgpu holds it"));
        host.writeText("usr/sbin/update-initramfs", "");

        SetupPlan plan = plan(host, gim);
        assertThat(change(plan, SetupPlanner.MODPROBE).after()).isEqualTo("# Written by libvfio setup: modules kept off the GPUs that VMs get.\nblacklist amdgpu\n");
        assertThat(plan.followUp()).first().isEqualTo("update-initramfs -u -k all");

        SimulatedHost withRadeonDisplay = DoctorHosts.desktop(root.resolve("radeon"));
        withRadeonDisplay.add(SimulatedHost.function("0000:03:00.0").ids(0x1002, 0x6929).classCode(0x038000).driver("amdgpu").iommuGroup(4));
        withRadeonDisplay.add(SimulatedHost.function("0000:0a:00.0").ids(0x1002, 0x67df).classCode(0x030000).driver("amdgpu").bootVga(true).iommuGroup(5));
        SetupPlan guarded = plan(withRadeonDisplay, gim);
        assertThat(guarded.changes()).noneMatch(change -> change.path().equals(SetupPlanner.MODPROBE));
        assertThat(guarded.skipped()).containsExactly("not blacklisting amdgpu: 0000:0a:00.0 (1002:67df) is the boot VGA, the host's display");
    }

    @Test
    void aSecondDisplayGpuOnTheSameDriverIsNotTouchedEither()
    {
        SimulatedHost host = host();
        host.add(SimulatedHost.function("0000:03:00.0").ids(0x1002, 0x6929).classCode(0x038000).driver("amdgpu").iommuGroup(4));
        host.add(SimulatedHost.function("0000:0a:00.0").ids(0x1002, 0x67df).classCode(0x030000).driver("amdgpu").bootVga(false).iommuGroup(5));
        StubBackend gim = new StubBackend("stub-gim").require(HostRequirement.blacklistModule("amdgpu", List.of(PciAddress.parse("0000:03:00.0")),
                "MxGPU", false, "amdgpu holds it"));

        assertThat(plan(host, gim).skipped()).containsExactly("not blacklisting amdgpu: it also drives 0000:0a:00.0 (1002:67df), which the host keeps");
    }

    @Test
    void anExistingLookingGlassRuleIsLeftAloneAndTheUserIsChecked()
    {
        SimulatedHost host = host();
        host.writeText("etc/tmpfiles.d/10-looking-glass.conf", "f /dev/shm/looking-glass 0660 alice kvm -\n");
        SetupPlan plan = plan(host);
        assertThat(plan.changes()).noneMatch(change -> change.path().equals(SetupPlanner.TMPFILES));
        assertThat(plan.skipped()).contains("no tmpfiles rule for /dev/shm/looking-glass: /etc/tmpfiles.d/10-looking-glass.conf already has one");

        VfioRuntime runtime = DoctorHosts.runtime(DoctorHosts.desktop(root.resolve("bob")));
        assertThat(change(new SetupPlanner(runtime, new SetupOptions("bob")).plan(), SetupPlanner.TMPFILES).after()).endsWith("f /dev/shm/looking-glass 0660 bob kvm -\n");
        assertThatThrownBy(() -> new SetupOptions("bob kvm -\nf /etc/shadow")).isInstanceOf(VfioException.class).hasMessageContaining("not a user name");
    }

    @Test
    void modulesTheKernelBuildsInOrLacksAreNotLoaded()
    {
        SimulatedHost host = host();
        host.writeText("lib/modules/6.8.0-45-generic/modules.builtin", "kernel/drivers/vfio/vfio.ko\n");
        host.writeText("lib/modules/6.8.0-45-generic/modules.dep", "kernel/drivers/vfio/pci/vfio-pci.ko.zst:\n");

        SetupPlan plan = plan(host);

        assertThat(change(plan, SetupPlanner.MODULES_LOAD).after()).endsWith("boot.\nvfio_pci\n");
        assertThat(plan.skipped()).contains("not loading vfio_iommu_type1 at boot: kernel 6.8.0-45-generic does not have it");
    }

    @Test
    void theUsersOwnModuleLinesStay()
            throws IOException
    {
        SimulatedHost host = host();
        host.writeText("etc/modules-load.d/libvfio.conf", "# mine\nvfio\nkvmfr\n");
        FileChange change = change(plan(host), SetupPlanner.MODULES_LOAD);
        assertThat(change.after()).isEqualTo("# mine\nvfio\nkvmfr\nvfio_iommu_type1\nvfio_pci\n");
        assertThat(change.reason()).isEqualTo("load at boot: vfio_iommu_type1, vfio_pci");
    }
}
