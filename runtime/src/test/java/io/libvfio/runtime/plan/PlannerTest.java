package io.libvfio.runtime.plan;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VfioException;
import io.libvfio.api.VgpuType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Best fit, tie-breaks, policies and every rejection reason, on hand-made candidates. */
final class PlannerTest
{
    private static final PciAddress NODE0_A = PciAddress.parse("0000:3b:00.0");
    private static final PciAddress NODE0_B = PciAddress.parse("0000:5e:00.0");
    private static final PciAddress NODE1 = PciAddress.parse("0000:af:00.0");

    private static Candidate candidate(PciAddress gpu, int node, String id, String name, Mechanism mechanism, long mib, int free, int max)
    {
        VgpuType type = new VgpuType(id, name, gpu, mechanism, mib, 1, Optional.empty(), max, free, Map.of());
        return new Candidate(gpu, "GPU " + gpu, node < 0 ? OptionalInt.empty() : OptionalInt.of(node), type);
    }

    /** An L40S-like GPU: 1Q, 2Q, 4Q (2Q and 2B the same size), each with {@code free} of 16 free. */
    private static List<Candidate> l40s(PciAddress gpu, int node, int free)
    {
        return List.of(
                candidate(gpu, node, "1147", "NVIDIA L40S-1Q", Mechanism.VENDOR_VFIO, 1024, free, 16),
                candidate(gpu, node, "1148", "NVIDIA L40S-2Q", Mechanism.VENDOR_VFIO, 2048, free, 16),
                candidate(gpu, node, "1146", "NVIDIA L40S-2B", Mechanism.VENDOR_VFIO, 2048, free, 16),
                candidate(gpu, node, "1150", "NVIDIA L40S-4Q", Mechanism.VENDOR_VFIO, 4096, free, 16));
    }

    @SafeVarargs
    private static Planner planner(List<Candidate>... gpus)
    {
        List<Candidate> all = new ArrayList<>();
        for (List<Candidate> gpu : gpus) {
            all.addAll(gpu);
        }
        return new Planner(new Offers(all, List.of()));
    }

    private static SliceRequest vram(String range, Policy policy)
    {
        return SliceRequest.ofVram(VramRange.parse(range, "--vram", io.libvfio.api.StandardErrorCode.INVALID_ARGUMENT), Optional.empty(), policy);
    }

    private static CandidateResult result(Plan plan, PciAddress gpu, String type)
    {
        return plan.results().stream().filter(result -> result.candidate().gpu().equals(gpu) && result.candidate().type().id().equals(type))
                .findFirst().orElseThrow();
    }

    @Test
    void theSmallestFramebufferThatSatisfiesWins()
    {
        Plan plan = planner(l40s(NODE0_A, 0, 16)).plan(vram("1500:8192", Policy.SPREAD));

        assertThat(plan.requireChoice().type().framebufferMib()).isEqualTo(2048);
        assertThat(result(plan, NODE0_A, "1150")).satisfies(lost -> {
            assertThat(lost.outcome()).isEqualTo(CandidateResult.Outcome.OUTRANKED);
            assertThat(lost.explanation()).isEqualTo("larger than the chosen 1146 NVIDIA L40S-2B (4096 MiB > 2048 MiB)");
        });
        assertThat(result(plan, NODE0_A, "1147")).satisfies(small -> {
            assertThat(small.outcome()).isEqualTo(CandidateResult.Outcome.REJECTED);
            assertThat(small.rejections()).extracting(Rejection::reason).containsExactly(Rejection.Reason.TOO_SMALL);
            assertThat(small.explanation()).isEqualTo("too small: 1024 MiB < 1500 MiB");
        });
    }

    @Test
    void equalSizesOnOneGpuGoByTypeIdInNaturalOrder()
    {
        Plan plan = planner(l40s(NODE0_A, 0, 16)).plan(vram("2G:2G", Policy.SPREAD));

        assertThat(plan.requireChoice().type().id()).isEqualTo("1146");
        assertThat(result(plan, NODE0_A, "1148").explanation()).isEqualTo("same size on the same GPU; type 1148 comes after 1146");
        assertThat(TypeIds.compare("nvidia-2", "nvidia-10")).isNegative();
        assertThat(TypeIds.compare("vfs-16", "vfs-4")).isPositive();
    }

    @Test
    void spreadTakesTheNodeWithTheMostFreeCapacityAndPackTheLeast()
    {
        // node 0 holds two GPUs with 4 free each, node 1 one GPU with 6 free
        Planner spread = planner(l40s(NODE0_A, 0, 4), l40s(NODE0_B, 0, 4), l40s(NODE1, 1, 6));
        Plan spreadPlan = spread.plan(vram("2048:2048", Policy.SPREAD));
        assertThat(spreadPlan.requireChoice().gpu()).isEqualTo(NODE0_A);
        assertThat(result(spreadPlan, NODE1, "1146").explanation())
                .isEqualTo("NUMA node 1 has 24576 MiB free, node 0 32768 MiB; spread takes the most free");

        Plan packPlan = planner(l40s(NODE0_A, 0, 4), l40s(NODE0_B, 0, 4), l40s(NODE1, 1, 6)).plan(vram("2048:2048", Policy.PACK));
        assertThat(packPlan.requireChoice().gpu()).isEqualTo(NODE1);
        assertThat(result(packPlan, NODE0_A, "1146").explanation())
                .isEqualTo("NUMA node 0 has 32768 MiB free, node 1 24576 MiB; pack takes the least free");
    }

    @Test
    void withinANodeTheGpusOwnFreeCapacityThenTheAddressDecide()
    {
        Plan uneven = planner(l40s(NODE0_A, 0, 2), l40s(NODE0_B, 0, 8)).plan(vram("2048:2048", Policy.SPREAD));
        assertThat(uneven.requireChoice().gpu()).isEqualTo(NODE0_B);
        assertThat(result(uneven, NODE0_A, "1146").explanation()).isEqualTo("its GPU has 8192 MiB free, 0000:5e:00.0 32768 MiB; spread takes the most free");

        Plan even = planner(l40s(NODE0_B, 0, 4), l40s(NODE0_A, 0, 4)).plan(vram("2048:2048", Policy.PACK));
        assertThat(even.requireChoice().gpu()).isEqualTo(NODE0_A);
        assertThat(result(even, NODE0_B, "1146").explanation()).isEqualTo("same size and free capacity; 0000:5e:00.0 comes after 0000:3b:00.0");
    }

    @Test
    void planAllSpreadsAVmsSlicesAndNeverCountsOneFreeInstanceTwice()
    {
        Planner planner = planner(l40s(NODE0_A, 0, 1), l40s(NODE1, 1, 1));
        List<Plan> plans = planner.planAll(List.of(vram("2048:2048", Policy.SPREAD), vram("2048:2048", Policy.SPREAD), vram("2048:2048", Policy.SPREAD)));

        assertThat(plans.get(0).requireChoice().describe()).isEqualTo("1146 NVIDIA L40S-2B on 0000:3b:00.0");
        assertThat(plans.get(1).requireChoice().describe()).isEqualTo("1146 NVIDIA L40S-2B on 0000:af:00.0");
        assertThat(plans.get(2).satisfied()).isFalse();
        assertThat(result(plans.get(2), NODE0_A, "1146").rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(Rejection.Reason.TAKEN_BY_PLAN);
            assertThat(rejection.detail()).isEqualTo("its 1 free instance go to earlier requests of this plan");
        });
        assertThat(result(plans.get(2), NODE0_A, "1148").rejections()).singleElement().extracting(Rejection::detail)
                .isEqualTo("this plan already takes type 1146 on this GPU for --vram 2048-2048 MiB, and a GPU runs one type");
    }

    @Test
    void packPutsAVmsSlicesOnOneGpu()
    {
        List<Plan> plans = planner(l40s(NODE0_A, 0, 8), l40s(NODE1, 1, 8)).planAll(List.of(vram("2G:2G", Policy.PACK), vram("2G:2G", Policy.PACK)));

        assertThat(plans).extracting(plan -> plan.requireChoice().gpu()).containsExactly(NODE0_A, NODE0_A);
        assertThat(plans.get(1).chosen().orElseThrow().free()).isEqualTo(7);
    }

    @Test
    void theHomogeneousRuleIsNamedWhenAnotherTypeRunsOnTheGpu()
    {
        List<Candidate> turing = List.of(
                candidate(NODE0_A, -1, "nvidia-1", "GVM [Geforce /10]", Mechanism.MDEV, 1024, 9, 10),
                candidate(NODE0_A, -1, "nvidia-2", "GVM [NVS /10]", Mechanism.MDEV, 1024, 0, 10));
        Plan plan = planner(turing).plan(SliceRequest.ofType("nvidia-2", Optional.empty(), Policy.SPREAD));

        assertThat(plan.satisfied()).isFalse();
        assertThat(result(plan, NODE0_A, "nvidia-2").rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo(Rejection.Reason.HOMOGENEOUS);
            assertThat(rejection.detail()).isEqualTo("homogeneous rule: the GPU already runs type nvidia-1, and runs one type at a time");
        });
        assertThat(result(plan, NODE0_A, "nvidia-1").rejections()).extracting(Rejection::reason).containsExactly(Rejection.Reason.WRONG_TYPE);
    }

    @Test
    void aFullTypeHasNoFreeInstance()
    {
        Plan plan = planner(List.of(candidate(NODE0_A, 0, "S7150-1984M", "S7150", Mechanism.SRIOV_VF, 1984, 0, 4)))
                .plan(vram("1000:2000", Policy.SPREAD));

        assertThat(plan.results()).singleElement().satisfies(full -> {
            assertThat(full.rejections()).extracting(Rejection::reason).containsExactly(Rejection.Reason.NO_FREE_INSTANCE);
            assertThat(full.explanation()).isEqualTo("no free instance (0 of 4)");
        });
    }

    @Test
    void everyBrokenRuleOfALibvfioRequestIsKept()
    {
        Candidate gvt = candidate(NODE0_A, -1, "i915-GVTg_V5_4", "GVTg_V5_4", Mechanism.MDEV, 640, 1, 1);
        Candidate gim = candidate(NODE1, 0, "S7150-1984M", "S7150", Mechanism.SRIOV_VF, 1984, 4, 4);
        SliceRequest sriovdev = new SliceRequest("gpus[0] (sriovdev)", java.util.Set.of(Mechanism.SRIOV_VF, Mechanism.VENDOR_VFIO),
                Optional.of(VramRange.between(0, 1000)), Optional.empty(), "", List.of("MI300X"), Optional.empty(), Optional.empty(), Policy.SPREAD);
        Plan plan = planner(List.of(gvt, gim)).plan(sriovdev);

        assertThat(result(plan, NODE0_A, "i915-GVTg_V5_4").rejections()).extracting(Rejection::reason)
                .containsExactly(Rejection.Reason.WRONG_MECHANISM, Rejection.Reason.NOT_ACCEPTABLE);
        assertThat(result(plan, NODE0_A, "i915-GVTg_V5_4").explanation())
                .isEqualTo("wrong mechanism: mdev, the request takes sriov-vf or vendor-vfio; not acceptable: GVTg_V5_4 is not in acceptableTypes [MI300X]");
        assertThat(result(plan, NODE1, "S7150-1984M").rejections()).extracting(Rejection::reason)
                .containsExactly(Rejection.Reason.NOT_ACCEPTABLE, Rejection.Reason.TOO_BIG);

        SliceRequest sysfsdev = new SliceRequest("gpus[0] (sysfsdev)", java.util.Set.of(Mechanism.MDEV), Optional.of(VramRange.between(100, 600)),
                Optional.empty(), "Q", List.of(), Optional.of(NODE1), Optional.of(NODE1), Policy.SPREAD);
        assertThat(result(planner(List.of(gvt)).plan(sysfsdev), NODE0_A, "i915-GVTg_V5_4").rejections()).extracting(Rejection::reason)
                .containsExactly(Rejection.Reason.WRONG_GPU, Rejection.Reason.WRONG_PARENT, Rejection.Reason.WRONG_SUFFIX, Rejection.Reason.TOO_BIG);
    }

    @Test
    void noCandidateIsNoCapacityNamingTheThreeNearest()
    {
        Planner planner = planner(l40s(NODE0_A, 0, 16), List.of(candidate(NODE1, 1, "1166", "NVIDIA L40S-48A", Mechanism.VENDOR_VFIO, 49152, 0, 1)));
        Plan plan = planner.plan(vram("40G:64G", Policy.SPREAD));

        assertThatThrownBy(plan::requireChoice).isInstanceOf(VfioException.class)
                .extracting(error -> ((VfioException) error).category()).isEqualTo(ErrorCategory.NO_CAPACITY);
        assertThat(plan.noCapacityMessage()).isEqualTo("no free GPU slice for --vram 40960-65536 MiB; nearest: "
                + "1166 NVIDIA L40S-48A on 0000:af:00.0 (49152 MiB, 0 free: no free instance (0 of 1)), "
                + "1150 NVIDIA L40S-4Q on 0000:3b:00.0 (4096 MiB, 16 free: too small: 4096 MiB < 40960 MiB), "
                + "1146 NVIDIA L40S-2B on 0000:3b:00.0 (2048 MiB, 16 free: too small: 2048 MiB < 40960 MiB)");
        assertThat(planner(List.of()).plan(vram("1G", Policy.SPREAD)).noCapacityMessage())
                .isEqualTo("no free GPU slice for --vram at least 1024 MiB; this host offers no vGPU types (see 'libvfio gpus')");
    }
}
