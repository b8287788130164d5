package io.libvfio.runtime.kernel;

import io.libvfio.api.HostInventory;
import io.libvfio.api.IommuGroup;
import io.libvfio.api.MdevParent;
import io.libvfio.api.MdevType;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import static io.libvfio.runtime.kernel.GuestLikeHost.LPC;
import static io.libvfio.runtime.kernel.GuestLikeHost.MBOCHS_MEGABYTES;
import static io.libvfio.runtime.kernel.GuestLikeHost.NVME_PF;
import static io.libvfio.runtime.kernel.GuestLikeHost.ROOT_PORT;
import static io.libvfio.runtime.kernel.GuestLikeHost.SATA;
import static io.libvfio.runtime.kernel.GuestLikeHost.SMBUS;
import static io.libvfio.runtime.kernel.GuestLikeHost.TOTAL_VFS;
import static io.libvfio.runtime.kernel.GuestLikeHost.VF_DEVICE;
import static io.libvfio.runtime.kernel.GuestSysfs.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Discovery ({@code VfioRuntime.inventory()}): IOMMU groups and members, VFs, mdev parents and types. */
abstract class DiscoveryContract
        extends KernelContract
{
    private static final PciAddress PF = PciAddress.parse(NVME_PF);

    @Test
    void discoveryMatchesTheGuestLikeHost()
    {
        List<String> expected = InventorySummary.of(FakeGuestKernel.under(scratch.resolve("guest-like")).inventory());

        assertThat(InventorySummary.of(kernel.inventory())).containsExactlyElementsOf(expected);
    }

    @Test
    void iommuGroupsHoldTheMembersTheKernelLists()
    {
        HostInventory inventory = kernel.inventory();

        assertThat(inventory.iommuEnabled()).isTrue();
        assertThat(inventory.iommuGroups()).isNotEmpty();
        for (IommuGroup group : inventory.iommuGroups()) {
            List<String> listed = sysfs.fs().list("/sys/kernel/iommu_groups/" + group.id() + "/devices");
            assertThat(group.devices()).as("group %d", group.id()).map(PciAddress::toString).containsExactlyElementsOf(listed);
        }
        for (PciDevice device : inventory.devices()) {
            OptionalInt id = device.iommuGroup();
            assertThat(id).as("%s has a group with an IOMMU", device.address()).isPresent();
            assertThat(inventory.iommuGroup(id.getAsInt()).orElseThrow().devices()).contains(device.address());
        }
        assertThat(members(inventory, NVME_PF)).containsExactly(NVME_PF);
        assertThat(members(inventory, ROOT_PORT)).containsExactly(ROOT_PORT);
        assertThat(members(inventory, SMBUS)).as("the functions of one device share a group").containsExactly(LPC, SATA, SMBUS);
        assertThat(sysfs.fs().list("/sys/kernel/iommu_groups")).hasSameSizeAs(inventory.iommuGroups());
    }

    private static List<String> members(HostInventory inventory, String bdf)
    {
        int group = inventory.device(PciAddress.parse(bdf)).orElseThrow().iommuGroup().getAsInt();
        return inventory.iommuGroup(group).orElseThrow().devices().stream().map(PciAddress::toString).toList();
    }

    @Test
    void virtualFunctionsHavePhysfnAndVirtfnLinksAndGroupsOfTheirOwn()
    {
        HostInventory before = kernel.inventory();
        SriovInfo idle = before.device(PF).orElseThrow().sriov().orElseThrow();
        assertThat(idle.totalVfs()).isEqualTo(TOTAL_VFS);
        assertThat(idle.numVfs()).isZero();
        assertThat(idle.driversAutoprobe()).isTrue();
        assertThat(idle.virtualFunctions()).isEmpty();

        List<String> vfs = sysfs.enableVfs(NVME_PF, 2);

        assertThat(vfs).containsExactly("0000:01:00.1", "0000:01:00.2");
        assertThat(sysfs.fs().readLink(device(NVME_PF) + "/virtfn1")).contains("../0000:01:00.2");
        assertThat(sysfs.fs().readLink(device("0000:01:00.1") + "/physfn")).contains("../" + NVME_PF);
        HostInventory after = kernel.inventory();
        SriovInfo enabled = after.device(PF).orElseThrow().sriov().orElseThrow();
        assertThat(enabled.numVfs()).isEqualTo(2);
        assertThat(enabled.offset()).isEqualTo(1);
        assertThat(enabled.stride()).isEqualTo(1);
        assertThat(enabled.vfDeviceId()).isEqualTo(VF_DEVICE);
        assertThat(enabled.driversAutoprobe()).isFalse();
        assertThat(enabled.virtualFunctions()).map(PciAddress::toString).containsExactlyElementsOf(vfs);
        int pfGroup = after.device(PF).orElseThrow().iommuGroup().getAsInt();
        for (String bdf : vfs) {
            PciDevice vf = after.device(PciAddress.parse(bdf)).orElseThrow();
            assertThat(vf.physicalFunction()).contains(PF);
            assertThat(vf.isVirtualFunction()).isTrue();
            assertThat(vf.pciId()).isEqualTo("1b36:%04x".formatted(VF_DEVICE));
            assertThat(vf.driver()).as("autoprobe is off").isEmpty();
            assertThat(vf.sriov()).isEmpty();
            assertThat(vf.iommuGroup().getAsInt()).isNotEqualTo(pfGroup);
            assertThat(after.iommuGroup(vf.iommuGroup().getAsInt()).orElseThrow().devices()).containsExactly(vf.address());
        }
        assertThat(after.iommuGroups()).hasSize(before.iommuGroups().size() + 2);
    }

    @Test
    void theSampleDriversAreVirtualMdevParentsWithTheirTypes()
    {
        Map<String, MdevParent> parents = kernel.inventory().mdevParents().stream().collect(Collectors.toMap(MdevParent::name, parent -> parent));

        assertThat(parents).containsOnlyKeys("mbochs", "mdpy", "mtty");
        assertThat(parents.values()).allSatisfy(parent -> assertThat(parent.pciAddress()).isEmpty());
        assertThat(sysfs.fs().readLink("/sys/class/mdev_bus/mbochs")).contains("../../devices/virtual/mbochs/mbochs");
        List<MdevType> mbochs = parents.get("mbochs").types();
        assertThat(mbochs).map(MdevType::id).containsExactly("mbochs-large", "mbochs-medium", "mbochs-small");
        for (MdevType type : mbochs) {
            int megabytes = Integer.parseInt(type.description().orElseThrow().replaceAll("virtual display, (\\d+) MB video memory", "$1"));
            assertThat(type.name()).contains(type.id());
            assertThat(type.deviceApi()).isEqualTo("vfio-pci");
            assertThat(type.availableInstances() * megabytes).as(type.id()).isEqualTo(MBOCHS_MEGABYTES);
            assertThat(type.devices()).isEmpty();
        }
        assertThat(parents.get("mtty").types()).extracting(MdevType::id, MdevType::name, MdevType::description, MdevType::availableInstances)
                .containsExactly(
                        tuple("mtty-1", Optional.of("Single port serial"), Optional.empty(), 24),
                        tuple("mtty-2", Optional.of("Dual port serial"), Optional.empty(), 12));
        assertThat(parents.get("mdpy").types()).extracting(MdevType::id, MdevType::availableInstances)
                .containsExactly(tuple("mdpy-hd", 4), tuple("mdpy-vga", 4),
                        tuple("mdpy-xga", 4));
    }
}
