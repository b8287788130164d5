package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;

import static io.libvfio.runtime.doctor.DoctorHosts.GPU;
import static io.libvfio.runtime.doctor.DoctorHosts.find;
import static io.libvfio.runtime.doctor.StubBackend.type;
import static org.assertj.core.api.Assertions.assertThat;

/** Whether a VM file's GPUs can be had, entry by entry, the way arcd chose them. */
final class VmGpuRequestsTest
{
    private static final String S7150 = "0000:03:00.0";

    @TempDir
    Path root;
    private int hosts;

    private DoctorReport doctor(String gpus, StubBackend... backends)
    {
        SimulatedHost host = DoctorHosts.desktop(root.resolve("host" + hosts++));
        host.add(SimulatedHost.function(S7150).ids(0x1002, 0x6929).classCode(0x030000).driver("gim").iommuGroup(4).sriov(16, 16, 1, 0x692f));
        List<GpuRequest> requests = VmConfigReader.parse("vm.yaml", new StringReader("gpus:\n" + gpus));
        return DoctorHosts.doctor(host, backends).run("vm.yaml", requests);
    }

    private static StubBackend nvidia(int freeOf2q)
    {
        return new StubBackend("stub-nvidia").serve(GPU, Mechanism.MDEV,
                type(GPU, "nvidia-256", "GRID RTX6000-1Q", Mechanism.MDEV, 1024, 4),
                type(GPU, "nvidia-257", "GRID RTX6000-2Q", Mechanism.MDEV, 2048, freeOf2q),
                type(GPU, "nvidia-259", "GRID RTX6000-2A", Mechanism.MDEV, 2048, 4));
    }

    private static StubBackend gim()
    {
        return new StubBackend("stub-gim").serve(S7150, Mechanism.SRIOV_VF, type(S7150, "S7150-1984M", "S7150", Mechanism.SRIOV_VF, 1984, 1));
    }

    @Test
    void anExactMdevTypeIsTaken()
    {
        DoctorReport report = doctor("  - [ {gpuType: sysfsdev}, {mdevType: nvidia-257} ]\n", nvidia(2));

        assertThat(find(report.checks(), "vm.gpu0")).extracting(Check::status, Check::title, Check::reason).containsExactly(CheckStatus.PASS,
                "VM gpus[0] (sysfsdev, mdevType nvidia-257)", "mdev type nvidia-257 GRID RTX6000-2Q on 0000:01:00.0 (2048 MiB; 1 left after this VM)");
        assertThat(report.ready()).isTrue();
        assertThat(report.verdict()).isEqualTo("the host can give vm.yaml its GPU");
        assertThat(report.checks()).noneMatch(check -> check.id().equals("slices"));
    }

    @Test
    void anMdevTypeTheHostDoesNotOfferFailsListingTheOffered()
    {
        DoctorReport report = doctor("  - [ {gpuType: sysfsdev}, {mdevType: i915-GVTg_V4_1} ]\n", nvidia(2));

        Check check = find(report.checks(), "vm.gpu0");
        assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(check.reason()).startsWith("no free GPU slice; nearest: "
                + "nvidia-256 GRID RTX6000-1Q on 0000:01:00.0 (1024 MiB, 4 free: wrong type: not i915-GVTg_V4_1)");
        assertThat(check.fix()).contains("set mdevType to one of the offered types, or to \"\" to choose by minVRam/maxVRam");
        assertThat(report.ready()).isFalse();
        assertThat(report.verdict()).startsWith("the host cannot give vm.yaml gpus[0] (sysfsdev, mdevType i915-GVTg_V4_1): no free GPU slice");
    }

    @Test
    void sizeAndSuffixChooseLikeArcd()
    {
        DoctorReport report = doctor("  - [ {gpuType: sysfsdev}, {mdevType: ''}, {minVRam: 1500}, {maxVRam: 2500}, {suffix: Q} ]\n", nvidia(2));
        assertThat(find(report.checks(), "vm.gpu0").reason()).startsWith("mdev type nvidia-257 GRID RTX6000-2Q");

        DoctorReport tooBig = doctor("  - [ {gpuType: sysfsdev}, {minVRam: 8000}, {maxVRam: 9000} ]\n", nvidia(2));
        assertThat(find(tooBig.checks(), "vm.gpu0").reason()).startsWith("no free GPU slice; nearest: "
                + "nvidia-257 GRID RTX6000-2Q on 0000:01:00.0 (2048 MiB, 2 free: too small: 2048 MiB < 8000 MiB)");
    }

    @Test
    void twoEntriesCannotBothHaveTheLastInstance()
    {
        DoctorReport report = doctor("  - [ {gpuType: sysfsdev}, {mdevType: nvidia-257} ]\n  - [ {gpuType: sysfsdev}, {mdevType: nvidia-257} ]\n", nvidia(1));

        assertThat(find(report.checks(), "vm.gpu0").status()).isEqualTo(CheckStatus.PASS);
        assertThat(find(report.checks(), "vm.gpu1")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(check.reason()).isEqualTo("every fitting type is in use (nvidia-257 GRID RTX6000-2Q on 0000:01:00.0 (2048 MiB, 0 free))");
        });
        assertThat(report.ready()).isFalse();
    }

    @Test
    void aSriovdevTakesAnAcceptableVfType()
    {
        DoctorReport report = doctor("  - [ {gpuType: sriovdev}, {acceptableTypes: [S7150]}, {minVRam: 0}, {maxVRam: 8192} ]\n", nvidia(2), gim());
        assertThat(find(report.checks(), "vm.gpu0")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "SR-IOV VF type S7150-1984M on 0000:03:00.0 (1984 MiB; 0 left after this VM)");

        DoctorReport wrongCard = doctor("  - [ {gpuType: sriovdev}, {acceptableTypes: [MI300X]}, {minVRam: 0}, {maxVRam: -1} ]\n", gim());
        assertThat(find(wrongCard.checks(), "vm.gpu0").reason()).isEqualTo("no free GPU slice; "
                + "nearest: S7150-1984M on 0000:03:00.0 (1984 MiB, 1 free: not acceptable: S7150 is not in acceptableTypes [MI300X])");
    }

    @Test
    void passthroughNeedsAGpuWithAnIommuGroup()
    {
        assertThat(find(doctor("  - [ {gpuType: passthrough}, {bdf: '0000:01:00.0'} ]\n").checks(), "vm.gpu0"))
                .extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "0000:01:00.0 (TU102 [GeForce RTX 2080 Ti Rev. A]) can be passed through whole (IOMMU group 1)");
        assertThat(find(doctor("  - [ {gpuType: passthrough}, {bdf: '0000:09:00.0'} ]\n").checks(), "vm.gpu0").reason()).isEqualTo("no GPU at 0000:09:00.0");
    }

    @Test
    void aVmWithoutGpusIsAlwaysServed()
    {
        DoctorReport report = doctor("  []\n");
        assertThat(report.ready()).isTrue();
        assertThat(find(report.checks(), "vm.gpus").reason()).isEqualTo("vm.yaml asks for no GPU");
    }
}
