package io.libvfio.runtime.kernel;

import io.libvfio.api.Errno;
import io.libvfio.api.MdevType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static io.libvfio.runtime.kernel.GuestLikeHost.NVME_PF;
import static io.libvfio.runtime.kernel.GuestSysfs.MDEV_DEVICES;
import static io.libvfio.runtime.kernel.GuestSysfs.mdevType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mediated devices on the kernel's sample drivers: create and remove on {@code mbochs} (GPU-like
 * types with "N MB video memory"), {@code available_instances} accounting, and the errnos.
 */
abstract class MdevContract
        extends KernelContract
{
    private static final String MBOCHS = "mbochs";

    private List<Integer> mbochsCounts()
    {
        return List.of(sysfs.available(MBOCHS, "mbochs-small"), sysfs.available(MBOCHS, "mbochs-medium"), sysfs.available(MBOCHS, "mbochs-large"));
    }

    @Test
    void createAndRemoveOnMbochsWithItsAccounting()
    {
        assertThat(mbochsCounts()).containsExactly(64, 16, 4);

        String uuid = sysfs.createMdev(MBOCHS, "mbochs-large");

        String mdev = MDEV_DEVICES + "/" + uuid;
        assertThat(sysfs.fs().isDirectory(mdev)).isTrue();
        assertThat(sysfs.fs().readLink(mdev + "/mdev_type")).contains("../mdev_supported_types/mbochs-large");
        assertThat(sysfs.fs().linkName(mdev + "/driver")).contains("mbochs");
        assertThat(sysfs.fs().list(mdevType(MBOCHS, "mbochs-large") + "/devices")).containsExactly(uuid);
        int group = sysfs.mdevGroup(uuid);
        assertThat(sysfs.fs().list("/sys/kernel/iommu_groups/" + group + "/devices")).containsExactly(uuid);
        assertThat(sysfs.read("/sys/kernel/iommu_groups/" + group + "/name")).isEqualTo("vfio-noiommu");
        assertThat(sysfs.read("/sys/kernel/iommu_groups/" + group + "/type")).isEqualTo("unknown");
        assertThat(sysfs.vfioNode(group)).isTrue();
        assertThat(kernel.vfioGroupViable(group)).as("an emulated group").isTrue();
        assertThat(mbochsCounts()).as("64 of 256 MB taken").containsExactly(48, 12, 3);
        MdevType large = kernel.inventory().mdevParents().stream().filter(parent -> parent.name().equals(MBOCHS)).findFirst().orElseThrow()
                .types().stream().filter(type -> type.id().equals("mbochs-large")).findFirst().orElseThrow();
        assertThat(large.devices()).containsExactly(uuid);
        assertThat(large.availableInstances()).isEqualTo(3);

        sysfs.write(mdev + "/remove", "0");
        assertThat(sysfs.fs().exists(mdev)).as("0 removes nothing").isTrue();
        sysfs.removeMdev(uuid);

        assertThat(sysfs.fs().exists(mdev)).isFalse();
        assertThat(sysfs.fs().exists("/sys/kernel/iommu_groups/" + group)).isFalse();
        assertThat(sysfs.vfioNode(group)).isFalse();
        assertThat(sysfs.fs().list(mdevType(MBOCHS, "mbochs-large") + "/devices")).isEmpty();
        assertThat(mbochsCounts()).containsExactly(64, 16, 4);
    }

    @Test
    void aSmallMbochsLowersTheLargerTypesByWhatItsMemoryLeaves()
    {
        sysfs.createMdev(MBOCHS, "mbochs-small");

        assertThat(mbochsCounts()).as("252 MB left").containsExactly(63, 15, 3);
    }

    @Test
    void mbochsRunsOutOfVideoMemoryWithEnospc()
    {
        for (int index = 0; index < 4; index++) {
            sysfs.createMdev(MBOCHS, "mbochs-large");
        }
        assertThat(mbochsCounts()).containsExactly(0, 0, 0);

        sysfs.assertRefused(mdevType(MBOCHS, "mbochs-large") + "/create", UUID.randomUUID().toString(), Errno.ENOSPC);
        sysfs.assertRefused(mdevType(MBOCHS, "mbochs-small") + "/create", UUID.randomUUID().toString(), Errno.ENOSPC);
        assertThat(sysfs.fs().list(MDEV_DEVICES)).hasSize(4);
    }

    @Test
    void aUuidAnyMdevHasIsEexistAndAnUppercaseUuidIsStoredLowercase()
    {
        String uuid = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        sysfs.write(mdevType(MBOCHS, "mbochs-small") + "/create", uuid + "\n");
        String lower = uuid.toLowerCase(Locale.ROOT);
        assertThat(sysfs.fs().list(MDEV_DEVICES)).containsExactly(lower);

        sysfs.assertRefused(mdevType(MBOCHS, "mbochs-small") + "/create", lower, Errno.EEXIST);
        sysfs.assertRefused(mdevType(MBOCHS, "mbochs-large") + "/create", uuid, Errno.EEXIST);
        sysfs.assertRefused(mdevType("mtty", "mtty-1") + "/create", lower, Errno.EEXIST);
        assertThat(mbochsCounts()).containsExactly(63, 15, 3);
        assertThat(sysfs.available("mtty", "mtty-1")).isEqualTo(24);
    }

    @Test
    void aCreateThatIsNotOneCanonicalUuidIsEinval()
    {
        String uuid = UUID.randomUUID().toString();
        for (String value : List.of("1", uuid.replace("-", ""), uuid + "\n\n", uuid.substring(1), "{" + uuid + "}")) {
            sysfs.assertRefused(mdevType(MBOCHS, "mbochs-small") + "/create", value, Errno.EINVAL);
        }
        assertThat(sysfs.fs().list(MDEV_DEVICES)).isEmpty();
    }

    /** The example: an mtty-2 takes one of its 12 instances, and 2 of the 24 ports mtty-1 counts. */
    @Test
    void mttyCountsInstancesOfATypeFromSharedPorts()
    {
        String uuid = sysfs.createMdev("mtty", "mtty-2");

        assertThat(sysfs.available("mtty", "mtty-2")).isEqualTo(11);
        assertThat(sysfs.available("mtty", "mtty-1")).isEqualTo(22);
        sysfs.removeMdev(uuid);
        assertThat(sysfs.available("mtty", "mtty-2")).isEqualTo(12);
        assertThat(sysfs.available("mtty", "mtty-1")).isEqualTo(24);
    }

    /** mdpy has no get_available: the mdev core counts its 4 instances for the parent, whatever the type, and then says EUSERS. */
    @Test
    void coreCountedMdpyRunsOutWithEusers()
    {
        List<String> created = new ArrayList<>();
        for (String type : List.of("mdpy-vga", "mdpy-xga", "mdpy-hd", "mdpy-vga")) {
            created.add(sysfs.createMdev("mdpy", type));
            assertThat(sysfs.available("mdpy", "mdpy-hd")).isEqualTo(4 - created.size());
        }

        sysfs.assertRefused(mdevType("mdpy", "mdpy-xga") + "/create", UUID.randomUUID().toString(), Errno.EUSERS);
        sysfs.removeMdev(created.get(0));
        assertThat(sysfs.available("mdpy", "mdpy-xga")).isEqualTo(1);
    }

    /** IOMMU group ids come from an IDA: a new group takes the lowest free id, freed VF ids included. */
    @Test
    void aNewGroupTakesTheLowestFreeId()
    {
        List<String> vfs = sysfs.enableVfs(NVME_PF, 2);
        int firstVfGroup = sysfs.group(vfs.get(0)).getAsInt();
        String before = sysfs.createMdev(MBOCHS, "mbochs-small");
        assertThat(sysfs.mdevGroup(before)).isEqualTo(firstVfGroup + 2);

        sysfs.write(GuestSysfs.device(NVME_PF) + "/sriov_numvfs", "0");
        String after = sysfs.createMdev(MBOCHS, "mbochs-small");

        assertThat(sysfs.mdevGroup(after)).isEqualTo(firstVfGroup);
    }
}
