package io.libvfio.testkit;

import io.libvfio.api.Errno;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Intel GPU SR-IOV provisioning (sysfs-spec §4): the i915 {@code prelim_iov} VF quotas, which
 * take from the PF GT's {@code available/} pool, and xe's {@code sriov_admin} profile files.
 * <ul>
 * <li>{@code vfN/gt*}/{@code ggtt_quota}, {@code lmem_quota} ({@code kstrtou64}): above what the
 * pool can give ({@code *_max_quota}, else {@code *_free}) plus the VF's own quota, EDQUOT
 * ({@code pf_provision_ggtt}); {@code contexts_quota}, {@code doorbells_quota}
 * ({@code kstrtou16}): ENOSPC when no range is free. A changed quota moves {@code *_free} and
 * {@code *_max_quota}; a non-zero one turns {@code pf/auto_provisioning} off (manual provisioning).</li>
 * <li>{@code pf/auto_provisioning} ({@code kstrtobool}): turning it on while any VF holds a quota is ESTALE.</li>
 * <li>xe {@code vfN/profile/exec_quantum_ms}, {@code preempt_timeout_us} (u32), {@code vram_quota} (u64);
 * disabling the VFs releases every VF's {@code vram_quota} (§4.4).</li>
 * </ul>
 * Auto-provisioning on enable (fair shares for unprovisioned VFs) is not emulated.
 */
final class IovProvisioning
{
    private static final Pattern I915_QUOTA = Pattern.compile("(.*/prelim_iov)/vf([0-9]+)/(gt[0-9]*)/(ggtt|lmem|contexts|doorbells)_quota");
    private static final Pattern I915_AUTO = Pattern.compile("(.*/prelim_iov)/pf/auto_provisioning");
    private static final Pattern XE_PROFILE = Pattern.compile(".*/sriov_admin/vf[0-9]+/profile/(exec_quantum_ms|preempt_timeout_us|vram_quota)");
    private static final long U16_MAX = 0xffff;
    private static final long U32_MAX = 0xffff_ffffL;

    private final KernelTree tree;

    IovProvisioning(KernelTree tree)
    {
        this.tree = requireNonNull(tree, "tree is null");
    }

    static boolean handles(String canonical)
    {
        return I915_QUOTA.matcher(canonical).matches() || I915_AUTO.matcher(canonical).matches() || XE_PROFILE.matcher(canonical).matches();
    }

    void store(String canonical, String value)
    {
        Matcher quota = I915_QUOTA.matcher(canonical);
        if (quota.matches()) {
            storeQuota(canonical, quota.group(1), quota.group(3), quota.group(4), value);
            return;
        }
        Matcher auto = I915_AUTO.matcher(canonical);
        if (auto.matches()) {
            storeAutoProvisioning(canonical, auto.group(1), value);
            return;
        }
        Matcher xe = XE_PROFILE.matcher(canonical);
        if (xe.matches()) {
            long parsed = KernelStrings.unsigned(value, 0, xe.group(1).equals("vram_quota") ? Long.MAX_VALUE : U32_MAX);
            tree.store(canonical, Long.toString(parsed));
        }
    }

    /** xe: disabling VFs releases all VRAM provisioning (sysfs-spec §4.4). */
    void vfsDisabled(String deviceDirectory)
    {
        String admin = deviceDirectory + "/sriov_admin";
        for (String vf : tree.names(admin)) {
            String file = admin + "/" + vf + "/profile/vram_quota";
            if (vf.matches("vf[0-9]+") && tree.value(file).isPresent()) {
                tree.store(file, "0");
            }
        }
    }

    private void storeQuota(String canonical, String iov, String gt, String kind, String value)
    {
        boolean counted = kind.equals("contexts") || kind.equals("doorbells");
        long requested = KernelStrings.unsigned(value, 0, counted ? U16_MAX : Long.MAX_VALUE);
        long current = number(canonical);
        String available = iov + "/pf/" + gt + "/available/" + kind;
        boolean hasMax = tree.value(available + "_max_quota").isPresent();
        long pool = hasMax ? number(available + "_max_quota") : number(available + "_free");
        if (requested > pool + current) {
            throw WriteRefused.because(counted ? Errno.ENOSPC : Errno.EDQUOT,
                    "%d %s requested, %d can be provisioned".formatted(requested, kind, pool + current));
        }
        long delta = requested - current;
        if (tree.value(available + "_free").isPresent()) {
            tree.store(available + "_free", Long.toString(number(available + "_free") - delta));
        }
        if (hasMax) {
            tree.store(available + "_max_quota", Long.toString(number(available + "_max_quota") - delta));
        }
        tree.store(canonical, Long.toString(requested));
        if (requested != 0 && tree.value(iov + "/pf/auto_provisioning").isPresent()) {
            tree.store(iov + "/pf/auto_provisioning", "0");
        }
    }

    private void storeAutoProvisioning(String canonical, String iov, String value)
    {
        boolean enable = KernelStrings.bool(value);
        if (enable && !tree.value(canonical).filter("1"::equals).isPresent() && anyProvisioned(iov)) {
            throw WriteRefused.because(Errno.ESTALE, "VFs are provisioned; auto-provisioning can be turned on only when none is");
        }
        tree.store(canonical, enable ? "1" : "0");
    }

    private boolean anyProvisioned(String iov)
    {
        for (String vf : tree.names(iov)) {
            if (!vf.matches("vf[0-9]+")) {
                continue;
            }
            for (String gt : tree.names(iov + "/" + vf)) {
                for (String kind : new String[] {"ggtt", "lmem", "contexts", "doorbells"}) {
                    if (gt.matches("gt[0-9]*") && tree.value(iov + "/" + vf + "/" + gt + "/" + kind + "_quota").filter(quota -> !quota.equals("0")).isPresent()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private long number(String relative)
    {
        return tree.value(relative).map(Long::parseLong).orElse(0L);
    }
}
