package io.libvfio.backend.intel.sriov;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.util.Map;
import java.util.OptionalLong;

/**
 * The per-VF provisioning a user may set instead of the defaults ({@code backend.intel-sriov.<key>}):
 * {@code vf-lmem-mib}, {@code vf-ggtt-mib}, {@code vf-vram-mib}, {@code vf-contexts},
 * {@code vf-doorbells}, {@code vf-exec-quantum-ms}, {@code vf-preempt-timeout-us}.
 * <p>
 * Defaults, for a VF of an N-way split: each pool (local memory, GGTT, contexts, doorbells, xe
 * VRAM) divided by N, the pool being what the PF can still provision plus what VFs hold;
 * execution quantum 64/N ms (at least 1) and preemption timeout twice the quantum, which gives
 * Intel's own 8-VF Flex profile (8 ms, 16000 µs).
 */
final class VfSettings
{
    static final String LMEM_MIB = "vf-lmem-mib";
    static final String GGTT_MIB = "vf-ggtt-mib";
    static final String VRAM_MIB = "vf-vram-mib";
    static final String CONTEXTS = "vf-contexts";
    static final String DOORBELLS = "vf-doorbells";
    static final String EXEC_QUANTUM_MS = "vf-exec-quantum-ms";
    static final String PREEMPT_TIMEOUT_US = "vf-preempt-timeout-us";
    private static final int MAX_DIGITS = 18;

    private final Map<String, String> config;

    VfSettings(Map<String, String> config)
    {
        this.config = Map.copyOf(config);
    }

    OptionalLong value(String key)
    {
        String text = config.get(key);
        if (text == null) {
            return OptionalLong.empty();
        }
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DIGITS || !trimmed.chars().allMatch(Character::isDigit)) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG,
                    "backend.%s.%s: '%s' is not a whole number".formatted(IntelSriovBackendProvider.NAME, key, text));
        }
        return OptionalLong.of(Long.parseLong(trimmed));
    }

    long execQuantumMs(int vfs)
    {
        return value(EXEC_QUANTUM_MS).orElse(Math.max(1, 64 / vfs));
    }

    long preemptTimeoutUs(int vfs)
    {
        return value(PREEMPT_TIMEOUT_US).orElse(execQuantumMs(vfs) * 2000);
    }
}
