package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * {@code available_instances} of mdev types (sysfs-spec §2.3, §3, §5.1). The counts a parent's
 * types show when the fake kernel first touches the parent are its baseline; afterwards every
 * count is recomputed from the instances in the tree and written back:
 * <ul>
 * <li>{@code nvidia-*}: homogeneous per physical GPU (sysfs-spec §2.3, §5.1, §5.2). A type reads
 * its baseline minus its instances while no other NVIDIA type is in use on the GPU, 0 while one
 * is (its value comes back when the last instance of the other type goes). The GPU is the parent
 * and, on SR-IOV GPUs with mdev-on-VF, every parent of the same PF: an instance on one VF makes
 * the other types of every sibling VF read 0. A type that read 0 at baseline because another
 * was in use takes {@code max_instance=} from its description, at most 1 on a VF (one vGPU per VF).</li>
 * <li>{@code i915-*}: resource based, see {@link GvtBudget}.</li>
 * <li>anything else (the kernel's sample drivers, core-counted drivers): a pool per parent and
 * driver, see {@link MdevPools}. Its size is taken from the baseline: the most any type's count
 * times its cost accounts for, plus what the instances already there take.</li>
 * </ul>
 */
final class MdevAccounting
{
    private static final Pattern MAX_INSTANCE = Pattern.compile("max_instance=(\\d+)");

    private final KernelTree tree;
    private final MdevDevices mdevs;
    private final Map<String, Ledger> ledgers = new HashMap<>();

    /** A parent's baseline: per-type capacity of NVIDIA types, pool sizes of the others, and the GVT-g budget when its types are i915 ones. */
    private record Ledger(Map<String, Integer> capacity, Map<String, Integer> pools, GvtBudget gvt)
    {
    }

    MdevAccounting(KernelTree tree, MdevDevices mdevs)
    {
        this.tree = requireNonNull(tree, "tree is null");
        this.mdevs = requireNonNull(mdevs, "mdevs is null");
    }

    static boolean isNvidia(String type)
    {
        return type.startsWith("nvidia-");
    }

    static boolean isGvt(String type)
    {
        return type.startsWith("i915-");
    }

    /** True for the types counted in a {@link MdevPools} pool: neither NVIDIA nor GVT-g. */
    private static boolean pooled(String type)
    {
        return !isNvidia(type) && !isGvt(type);
    }

    /** The errno a create gets when no instance is left: the vendor's ENOSPC, or the mdev core's EUSERS. */
    static Errno exhausted(String type)
    {
        return isNvidia(type) || isGvt(type) ? Errno.ENOSPC : MdevPools.exhausted(type);
    }

    /** The mdev driver that binds a type's devices. */
    static String mdevDriver(String type)
    {
        if (isNvidia(type)) {
            return "nvidia-vgpu-vfio";
        }
        if (isGvt(type)) {
            return "intel_vgpu_mdev";
        }
        int dash = type.indexOf('-');
        return dash > 0 ? type.substring(0, dash) : type;
    }

    /** Records the parent's baseline if this is the first time it is touched. */
    void capture(String parent)
    {
        ledgers.computeIfAbsent(parent, this::baseline);
    }

    int available(String parent, String type)
    {
        capture(parent);
        Ledger ledger = ledgers.get(parent);
        Map<String, Integer> instances = instances(parent);
        int own = instances.getOrDefault(type, 0);
        if (isGvt(type) && ledger.gvt().covers(type)) {
            return ledger.gvt().available(type, instances);
        }
        if (pooled(type)) {
            String pool = MdevPools.pool(type);
            int size = ledger.pools().computeIfAbsent(pool, name -> poolSize(parent, name, instances));
            return Math.max(0, (size - used(pool, instances)) / MdevPools.cost(type));
        }
        int capacity = ledger.capacity().computeIfAbsent(type, name -> shown(parent, name) + own);
        if (isNvidia(type) && otherNvidiaTypeInUse(parent, type)) {
            return 0;
        }
        return Math.max(0, capacity - own);
    }

    /** What the instances of a pool's types take from it. */
    private static int used(String pool, Map<String, Integer> instances)
    {
        return instances.entrySet().stream()
                .filter(entry -> pooled(entry.getKey()) && MdevPools.pool(entry.getKey()).equals(pool))
                .mapToInt(entry -> entry.getValue() * MdevPools.cost(entry.getKey()))
                .sum();
    }

    /** A pool's size as the parent shows it now: the most any of its types' counts accounts for, plus what is in use. */
    private int poolSize(String parent, String pool, Map<String, Integer> instances)
    {
        int free = types(parent).stream()
                .filter(type -> pooled(type) && MdevPools.pool(type).equals(pool))
                .mapToInt(type -> shown(parent, type) * MdevPools.cost(type))
                .max()
                .orElse(0);
        return free + used(pool, instances);
    }

    /** Writes every type's {@code available_instances} of the parent. */
    void refresh(String parent)
    {
        for (String type : types(parent)) {
            String attribute = typeDirectory(parent, type) + "/available_instances";
            if (tree.exists(attribute)) {
                tree.store(attribute, Integer.toString(available(parent, type)));
            }
        }
    }

    private Ledger baseline(String parent)
    {
        Map<String, Integer> shown = new HashMap<>();
        Map<String, Integer> instances = instances(parent);
        Map<String, String> gvtDescriptions = new HashMap<>();
        for (String type : types(parent)) {
            shown.put(type, shown(parent, type));
            if (isGvt(type)) {
                gvtDescriptions.put(type, tree.value(typeDirectory(parent, type) + "/description").orElse(""));
            }
        }
        boolean virtualFunction = tree.linkName(parent + "/physfn").isPresent();
        Map<String, Integer> capacity = new HashMap<>();
        Map<String, Integer> pools = new HashMap<>();
        for (String type : types(parent)) {
            int own = instances.getOrDefault(type, 0);
            if (pooled(type)) {
                pools.computeIfAbsent(MdevPools.pool(type), pool -> poolSize(parent, pool, instances));
            }
            else if (isNvidia(type) && own == 0 && otherNvidiaTypeInUse(parent, type)) {
                int max = maxInstance(parent, type);
                capacity.put(type, virtualFunction ? Math.min(1, max) : max);
            }
            else {
                capacity.put(type, shown.get(type) + own);
            }
        }
        return new Ledger(capacity, pools, GvtBudget.derive(gvtDescriptions, shown, instances));
    }

    /** True when an NVIDIA type other than {@code type} has an instance on the parent's GPU (the parent and its SR-IOV siblings). */
    private boolean otherNvidiaTypeInUse(String parent, String type)
    {
        for (String member : gpu(parent)) {
            for (Map.Entry<String, Integer> entry : instances(member).entrySet()) {
                if (isNvidia(entry.getKey()) && !entry.getKey().equals(type) && entry.getValue() > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The mdev parents of one physical GPU: a VF's PF and every VF of that PF, or a PF and its
     * VFs, each only when it has {@code mdev_supported_types}; just the parent otherwise.
     */
    List<String> gpu(String parent)
    {
        String pf = tree.canonical(parent + "/physfn").orElse(parent);
        List<String> members = new ArrayList<>();
        if (tree.isDirectory(pf + "/mdev_supported_types")) {
            members.add(pf);
        }
        for (String name : tree.names(pf)) {
            if (name.startsWith("virtfn")) {
                tree.canonical(pf + "/" + name).filter(vf -> tree.isDirectory(vf + "/mdev_supported_types")).ifPresent(members::add);
            }
        }
        if (!members.contains(parent)) {
            members.add(parent);
        }
        return members;
    }

    private int maxInstance(String parent, String type)
    {
        String description = tree.value(typeDirectory(parent, type) + "/description").orElse("");
        Matcher matcher = MAX_INSTANCE.matcher(description);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
    }

    private int shown(String parent, String type)
    {
        return tree.value(typeDirectory(parent, type) + "/available_instances").map(String::strip).map(Integer::parseInt).orElse(0);
    }

    private Map<String, Integer> instances(String parent)
    {
        Map<String, Integer> instances = new HashMap<>();
        for (String type : types(parent)) {
            instances.put(type, mdevs.instances(typeDirectory(parent, type)));
        }
        return instances;
    }

    private List<String> types(String parent)
    {
        return tree.names(parent + "/mdev_supported_types");
    }

    private static String typeDirectory(String parent, String type)
    {
        return parent + "/mdev_supported_types/" + type;
    }
}
