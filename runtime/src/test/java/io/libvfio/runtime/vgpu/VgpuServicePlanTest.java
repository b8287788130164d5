package io.libvfio.runtime.vgpu;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.plan.VramRange;
import io.libvfio.testkit.FakeKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;

import static io.libvfio.runtime.vgpu.VgpuHosts.P40;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code create --vram}: the planner's choice, made and created under one hold of the host lock. */
final class VgpuServicePlanTest
{
    private static final String TYPES = "/sys/class/mdev_bus/" + P40 + "/mdev_supported_types/";

    @TempDir
    Path work;

    private static SliceRequest vram(String range)
    {
        return SliceRequest.ofVram(VramRange.parse(range, "--vram", StandardErrorCode.INVALID_ARGUMENT), Optional.empty(), Policy.SPREAD);
    }

    // The test backend gives every mdev type 1024 MiB: the two P40 types tie on size and go by type id.
    @Test
    void theBestFitIsCreatedAndTheNextPlanSeesItTaken()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.mdev(work.resolve("host")));
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        PlannedChange first = service.create(vram("1G:8G"), Optional.empty(), false, false);

        assertThat(first.plan().requireChoice().type().id()).isEqualTo("nvidia-46");
        assertThat(first.change().entry().instance().mechanism()).isEqualTo(Mechanism.MDEV);
        assertThat(first.change().entry().instance().typeId()).isEqualTo("nvidia-46");
        assertThat(kernel.list(TYPES + "nvidia-46/devices")).hasSize(1);
        assertThat(service.records().all()).hasSize(1);

        PlannedChange second = service.create(vram("1G:8G"), Optional.empty(), false, false);
        assertThat(second.plan().chosen().orElseThrow().free()).isEqualTo(11);
        assertThat(second.plan().results()).filteredOn(result -> result.candidate().type().id().equals("nvidia-47")).singleElement()
                .satisfies(other -> assertThat(other.explanation()).isEqualTo("homogeneous rule: the GPU already runs type nvidia-46, and runs one type at a time"));
        assertThat(kernel.list(TYPES + "nvidia-46/devices")).hasSize(2);
    }

    @Test
    void aDryRunPlansAndRecordsTheWritesWithoutMakingThem()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.mdev(work.resolve("host")));
        SortedMap<String, String> before = kernel.snapshot();

        PlannedChange planned = VgpuHosts.service(kernel, work.resolve("state")).create(vram("1G"), Optional.empty(), false, true);

        assertThat(planned.plan().requireChoice().type().id()).isEqualTo("nvidia-46");
        assertThat(planned.change().dryRun()).isTrue();
        assertThat(planned.change().writes()).singleElement().satisfies(write -> assertThat(write.toString()).contains("/mdev_supported_types/nvidia-46/create <- "));
        assertThat(kernel.writes()).isEmpty();
        assertThat(kernel.snapshot()).isEqualTo(before);
    }

    @Test
    void nothingFitsIsNoCapacityAndNothingIsWritten()
    {
        FakeKernel kernel = FakeKernel.on(VgpuHosts.mdev(work.resolve("host")));
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));

        assertThatThrownBy(() -> service.create(vram("16G:24G"), Optional.empty(), false, false))
                .isInstanceOf(VfioException.class)
                .hasMessage("no free GPU slice for --vram 16384-24576 MiB; nearest: nvidia-46 GRID P40-2Q on 0000:3b:00.0 (1024 MiB, 12 free: too small: 1024 MiB < 16384 MiB), "
                        + "nvidia-47 GRID P40-4Q on 0000:3b:00.0 (1024 MiB, 6 free: too small: 1024 MiB < 16384 MiB)")
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.NO_CAPACITY);
        assertThat(kernel.writes()).isEmpty();
        assertThat(service.records().all()).isEmpty();
    }
}
