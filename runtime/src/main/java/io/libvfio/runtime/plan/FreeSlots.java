package io.libvfio.runtime.plan;

import io.libvfio.api.PciAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Free instances during one plan: what the backends reported, less what earlier requests of the
 * same plan took, so that two requests never count one free instance twice. Within a plan a GPU
 * serves one type only: NVIDIA (mdev and vGPU 17+), Intel SR-IOV (the VF count fixes the profile)
 * and AMD GIM cannot mix types on a GPU, and for the others the shared budget is not known
 * ahead.
 */
final class FreeSlots
{
    private final List<Candidate> candidates;
    private final Map<Candidate, Integer> free = new HashMap<>();
    private final Map<PciAddress, Taken> taken = new HashMap<>();

    /** The type a plan takes on a GPU, and the request that took it first. */
    record Taken(String typeId, String by)
    {
    }

    FreeSlots(List<Candidate> candidates)
    {
        this.candidates = List.copyOf(candidates);
        for (Candidate candidate : candidates) {
            free.put(candidate, candidate.type().availableInstances());
        }
    }

    List<Candidate> candidates()
    {
        return candidates;
    }

    /** Free instances of this candidate for the next request; 0 when the plan took another type on its GPU. */
    int free(Candidate candidate)
    {
        Taken other = taken.get(candidate.gpu());
        if (other != null && !other.typeId().equals(candidate.type().id())) {
            return 0;
        }
        return free.getOrDefault(candidate, 0);
    }

    /** Reported free instances, before this plan took any. */
    static int reported(Candidate candidate)
    {
        return candidate.type().availableInstances();
    }

    Optional<Taken> taken(PciAddress gpu)
    {
        return Optional.ofNullable(taken.get(gpu));
    }

    void take(Candidate candidate, String by)
    {
        free.put(candidate, free(candidate) - 1);
        taken.putIfAbsent(candidate.gpu(), new Taken(candidate.type().id(), by));
    }

    /** A GPU's free framebuffer: the most any of its types could still hand out, in MiB. */
    long gpuFreeMib(PciAddress gpu)
    {
        long most = 0;
        for (Candidate candidate : candidates) {
            if (candidate.gpu().equals(gpu)) {
                most = Math.max(most, free(candidate) * candidate.type().framebufferMib());
            }
        }
        return most;
    }

    /** A NUMA node's free framebuffer: its GPUs' together. GPUs without a node count as one node. */
    long nodeFreeMib(OptionalInt node)
    {
        List<PciAddress> gpus = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (candidate.numaNode().equals(node) && !gpus.contains(candidate.gpu())) {
                gpus.add(candidate.gpu());
            }
        }
        long total = 0;
        for (PciAddress gpu : gpus) {
            total += gpuFreeMib(gpu);
        }
        return total;
    }

    /**
     * True when another type of the candidate's GPU is in use and still has free instances while
     * this one reads none: the vendor's rule that a GPU runs one type at a time.
     */
    Optional<Candidate> blockingType(Candidate candidate)
    {
        if (reported(candidate) > 0) {
            return Optional.empty();
        }
        for (Candidate other : candidates) {
            if (other.gpu().equals(candidate.gpu()) && !other.type().id().equals(candidate.type().id())
                    && other.type().availableInstances() < other.type().maxInstances() && other.type().availableInstances() > 0) {
                return Optional.of(other);
            }
        }
        return Optional.empty();
    }
}
