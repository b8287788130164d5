package io.libvfio.examples.hosts;

import io.libvfio.testkit.SimulatedHost;

/**
 * The example hosts' CPUs for {@code /proc/cpuinfo}: vendor, family, model, name and the flags
 * line their kernels print. The cloud guest's flags are the lent H100 VM's (a Sapphire Rapids
 * guest without nested virtualization: {@code hypervisor}, no {@code vmx}); the others follow
 * the CPUs' documented features as kernels of the hosts' eras print them.
 */
final class CpuModels
{
    private static final String INTEL = "GenuineIntel";
    private static final String AMD = "AuthenticAMD";
    private static final String BASE = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush";

    /** Coffee Lake and Comet Lake desktop and laptop CPUs (Skylake core). */
    static final String SKYLAKE_CLIENT = BASE + " dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc art"
            + " arch_perfmon pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor ds_cpl vmx smx est tm2"
            + " ssse3 sdbg fma cx16 xtpr pdcm pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm"
            + " 3dnowprefetch cpuid_fault epb invpcid_single ssbd ibrs ibpb stibp tpr_shadow vnmi flexpriority ept vpid ept_ad fsgsbase tsc_adjust"
            + " bmi1 avx2 smep bmi2 erms invpcid mpx rdseed adx smap clflushopt intel_pt xsaveopt xsavec xgetbv1 xsaves dtherm ida arat pln pts"
            + " hwp hwp_notify hwp_act_window hwp_epp md_clear flush_l1d arch_capabilities";
    /** Cascade Lake Xeon Scalable. */
    static final String CASCADE_LAKE = BASE + " dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc art"
            + " arch_perfmon pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor ds_cpl vmx smx est tm2"
            + " ssse3 sdbg fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm"
            + " 3dnowprefetch cpuid_fault epb cat_l3 cdp_l3 invpcid_single intel_ppin ssbd mba ibrs ibpb stibp ibrs_enhanced tpr_shadow vnmi"
            + " flexpriority ept vpid ept_ad fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid cqm mpx rdt_a avx512f avx512dq rdseed adx smap"
            + " clflushopt clwb intel_pt avx512cd avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves cqm_llc cqm_occup_llc cqm_mbm_total"
            + " cqm_mbm_local dtherm ida arat pln pts hwp hwp_act_window hwp_epp hwp_pkg_req pku ospke avx512_vnni md_clear flush_l1d"
            + " arch_capabilities";
    /** Haswell-EP Xeon E5 v3, as a 2017 4.4 kernel prints it (before the speculation flags). */
    static final String HASWELL_EP = BASE + " dts acpi mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon"
            + " pebs bts rep_good nopl xtopology nonstop_tsc aperfmperf eagerfpu pni pclmulqdq dtes64 monitor ds_cpl vmx smx est tm2 ssse3 sdbg"
            + " fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm epb"
            + " tpr_shadow vnmi flexpriority ept vpid fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid cqm xsaveopt cqm_llc cqm_occup_llc"
            + " dtherm ida arat pln pts";
    /** AMD EPYC 7003 (Zen 3). */
    static final String MILAN = BASE + " mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl"
            + " nonstop_tsc cpuid extd_apicid aperfmperf rapl pni pclmulqdq monitor ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes"
            + " xsave avx f16c rdrand lahf_lm cmp_legacy svm extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce"
            + " topoext perfctr_core perfctr_nb bpext perfctr_llc mwaitx cpb cat_l3 cdp_l3 invpcid_single hw_pstate ssbd mba ibrs ibpb stibp"
            + " vmmcall fsgsbase bmi1 avx2 smep bmi2 invpcid cqm rdt_a rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves"
            + " cqm_llc cqm_occup_llc cqm_mbm_total cqm_mbm_local clzero irperf xsaveerptr rdpru wbnoinvd amd_ppin arat npt lbrv svm_lock"
            + " nrip_save tsc_scale vmcb_clean flushbyasid decodeassists pausefilter pfthreshold v_vmsave_vmload vgif v_spec_ctrl umip pku"
            + " ospke vaes vpclmulqdq rdpid overflow_recov succor smca";
    /** The lent H100 VM's vCPUs (captured 2026-11-22 from its /proc/cpuinfo). */
    static final String CLOUD_GUEST = BASE + " mmx fxsr sse sse2 ss ht syscall nx pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology"
            + " nonstop_tsc cpuid tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes"
            + " xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault ssbd ibrs ibpb stibp ibrs_enhanced fsgsbase tsc_adjust"
            + " bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq rdseed adx smap avx512ifma clflushopt clwb avx512cd sha_ni avx512bw avx512vl"
            + " xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 wbnoinvd arat avx512vbmi umip pku ospke avx512_vbmi2 gfni vaes vpclmulqdq"
            + " avx512_vnni avx512_bitalg avx512_vpopcntdq rdpid bus_lock_detect cldemote movdiri movdir64b fsrm md_clear serialize tsxldtrk"
            + " ibt amx_bf16 avx512_fp16 amx_tile amx_int8 flush_l1d arch_capabilities";

    private CpuModels()
    {
    }

    static void intel(SimulatedHost host, int model, String name, int cpus, String flags)
    {
        host.cpuinfo(INTEL, 6, model, name, cpus, flags);
    }

    static void amd(SimulatedHost host, int family, int model, String name, int cpus, String flags)
    {
        host.cpuinfo(AMD, family, model, name, cpus, flags);
    }
}
