package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.api.spi.HostFs;
import io.libvfio.api.spi.SysfsValues;
import io.libvfio.api.spi.UndoLog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Creates and destroys vGPUs of the vGPU 17+ vendor-VFIO framework (sysfs-spec §5.3): the id of
 * the wanted type is written to {@code <VF>/nvidia/current_vgpu_type} of a VF whose current type
 * is 0 and whose {@code creatable_vgpu_types} lists it; destroying writes 0, and retries (as
 * Proxmox does) until the file reads back 0, at most {@link #CLEAR_ATTEMPTS} times
 * {@link #CLEAR_INTERVAL} apart, waiting through the context's sleeper. The VF is the PCI function
 * QEMU gets; it stays on {@code nvidia}. Every value is read from the host when it is needed.
 */
final class VendorVfioLifecycle
{
    static final int CLEAR_ATTEMPTS = 10;
    static final Duration CLEAR_INTERVAL = Duration.ofSeconds(1);

    private final BackendContext context;
    private final HostFs fs;

    VendorVfioLifecycle(BackendContext context)
    {
        this.context = requireNonNull(context, "context is null");
        this.fs = context.fs();
    }

    static String current(PciAddress vf)
    {
        return VendorVfioCollector.DEVICES + "/" + vf + "/nvidia/current_vgpu_type";
    }

    static String creatable(PciAddress vf)
    {
        return VendorVfioCollector.DEVICES + "/" + vf + "/nvidia/creatable_vgpu_types";
    }

    /** The VFs of the GPU that have the framework's files, in VF order. */
    List<PciAddress> functions(PciDevice gpu)
    {
        List<PciAddress> functions = new ArrayList<>();
        for (PciAddress vf : virtualFunctions(gpu)) {
            if (fs.exists(current(vf))) {
                functions.add(vf);
            }
        }
        return functions;
    }

    /** Whether the GPU has a VF with the framework's files: {@link #functions} is not empty, found without looking further. */
    boolean hasFunctions(PciDevice gpu)
    {
        for (PciAddress vf : virtualFunctions(gpu)) {
            if (fs.exists(current(vf))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code vf} is one of {@link #functions}, from its own files. */
    boolean isFunction(PciDevice gpu, PciAddress vf)
    {
        return virtualFunctions(gpu).contains(vf) && fs.exists(current(vf));
    }

    private static List<PciAddress> virtualFunctions(PciDevice gpu)
    {
        return gpu.sriov().isPresent() ? gpu.sriov().get().virtualFunctions() : List.of();
    }

    VirtualGpu create(PciDevice gpu, int typeId, Optional<String> instanceId)
    {
        PciAddress vf = instanceId.isPresent() ? requestedFunction(gpu, typeId, instanceId.get()) : freeFunction(gpu, typeId);
        String path = current(vf);
        UndoLog undo = new UndoLog();
        try {
            write(path, Integer.toString(typeId), KernelRefusal.Write.SET_VGPU_TYPE, "set vGPU type %d on VF %s".formatted(typeId, vf));
            undo.record("clear the vGPU type of VF " + vf, () -> clear(vf));
            if (!context.dryRun()) {
                int now = currentType(vf);
                if (now != typeId) {
                    throw new VfioException(StandardErrorCode.HOST_WRITE_FAILED,
                            "%s accepted %d but reads %d".formatted(path, typeId, now));
                }
            }
            undo.commit();
        }
        catch (RuntimeException e) {
            throw undo.rollback(e);
        }
        return instance(gpu.address(), vf, typeId);
    }

    void destroy(PciDevice gpu, VirtualGpu instance)
    {
        PciAddress vf = instanceFunction(instance);
        if (!isFunction(gpu, vf)) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "%s is not a vGPU VF of %s".formatted(vf, gpu.address()));
        }
        int now = currentType(vf);
        if (now == 0) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND, "VF %s holds no vGPU (%s is 0); nothing to destroy".formatted(vf, current(vf)));
        }
        if (!Integer.toString(now).equals(instance.typeId())) {
            throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                    "VF %s holds a vGPU of type %d, not %s; nothing destroyed".formatted(vf, now, instance.typeId()));
        }
        clear(vf);
    }

    /** The VFs of the GPU that hold a vGPU now. */
    List<VirtualGpu> instances(PciDevice gpu)
    {
        List<VirtualGpu> instances = new ArrayList<>();
        for (PciAddress vf : functions(gpu)) {
            int type = currentType(vf);
            if (type != 0) {
                instances.add(instance(gpu.address(), vf, type));
            }
        }
        return instances;
    }

    /** The vGPU on one VF of the GPU, as {@link #instances} lists it: empty when the VF is not one of the GPU's vGPU VFs or holds none. */
    Optional<VirtualGpu> instance(PciDevice gpu, PciAddress vf)
    {
        if (!isFunction(gpu, vf)) {
            return Optional.empty();
        }
        int type = currentType(vf);
        return type == 0 ? Optional.empty() : Optional.of(instance(gpu.address(), vf, type));
    }

    /**
     * Writes 0 until {@code current_vgpu_type} reads 0: a refused write (EBUSY while QEMU lets go
     * of the VF, EPERM when it is already 0) is tried again; after the last attempt the last
     * refusal is the error. A dry run plans the one write.
     */
    private void clear(PciAddress vf)
    {
        String path = current(vf);
        VfioException last = null;
        for (int attempt = 1; attempt <= CLEAR_ATTEMPTS; attempt++) {
            try {
                fs.write(path, "0");
                last = null;
            }
            catch (VfioException e) {
                last = KernelRefusal.of(KernelRefusal.Write.CLEAR_VGPU_TYPE, "clear the vGPU type of VF " + vf, e);
            }
            if (context.dryRun() && last == null) {
                return;
            }
            if (currentType(vf) == 0) {
                return;
            }
            if (attempt < CLEAR_ATTEMPTS) {
                context.sleeper().sleep(CLEAR_INTERVAL);
            }
        }
        if (last != null) {
            throw last;
        }
        throw new VfioException(StandardErrorCode.TIMEOUT, "%s still reads %d after %d writes of 0, %d ms apart".formatted(
                path, currentType(vf), CLEAR_ATTEMPTS, CLEAR_INTERVAL.toMillis()));
    }

    private int currentType(PciAddress vf)
    {
        String path = current(vf);
        return SysfsValues.count(path, fs.readRequired(path));
    }

    /** The first VF (of {@link #functions}, in order) without a vGPU that lists the type, or why there is none. */
    private PciAddress freeFunction(PciDevice gpu, int typeId)
    {
        TreeSet<Integer> running = new TreeSet<>();
        int holding = 0;
        int functions = 0;
        for (PciAddress vf : virtualFunctions(gpu)) {
            if (!fs.exists(current(vf))) {
                continue;
            }
            functions++;
            int now = currentType(vf);
            if (now == 0 && lists(vf, typeId)) {
                return vf;
            }
            if (now != 0) {
                running.add(now);
                holding += now == typeId ? 1 : 0;
            }
        }
        if (functions == 0) {
            throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "%s has no vGPU VFs (enable them with NVIDIA's sriov-manage -e %s)".formatted(
                    gpu.address(), gpu.address()));
        }
        if (running.isEmpty()) {
            throw new VfioException(StandardErrorCode.TYPE_NOT_FOUND, "no VF of %s offers vGPU type %d (see 'libvfio types %s')".formatted(
                    gpu.address(), typeId, gpu.address()));
        }
        running.remove(typeId);
        String why = running.isEmpty() ? "all %d VFs that can hold it are taken".formatted(holding)
                : "the GPU runs vGPU type %s, and all vGPUs of one GPU must be of one type".formatted(running.first());
        throw new VfioException(StandardErrorCode.NO_CAPACITY, "no free VF of %s for vGPU type %d: %s".formatted(gpu.address(), typeId, why));
    }

    /** The VF a request names by its PCI address: it must be one of the GPU's, free, and list the type. */
    private PciAddress requestedFunction(PciDevice gpu, int typeId, String instanceId)
    {
        if (!PciAddress.isValid(instanceId)) {
            throw VfioException.usage("a vendor-VFIO vGPU is named by its VF's PCI address; '%s' is not one", instanceId);
        }
        PciAddress vf = PciAddress.parse(instanceId);
        if (!isFunction(gpu, vf)) {
            throw new VfioException(StandardErrorCode.DEVICE_NOT_FOUND, "%s is not a vGPU VF of %s".formatted(vf, gpu.address()));
        }
        int now = currentType(vf);
        if (now != 0) {
            throw new VfioException(StandardErrorCode.ALREADY_EXISTS, "VF %s already holds a vGPU of type %d".formatted(vf, now));
        }
        if (!lists(vf, typeId)) {
            throw new VfioException(StandardErrorCode.NO_CAPACITY, "VF %s cannot take vGPU type %d now (%s does not list it)".formatted(vf, typeId, creatable(vf)));
        }
        return vf;
    }

    private boolean lists(PciAddress vf, int typeId)
    {
        String path = creatable(vf);
        CreatableVgpuTypes table = CreatableVgpuTypes.parse(path, fs.read(path).orElse(""));
        for (CreatableVgpuType type : table.types()) {
            if (type.id() == typeId) {
                return true;
            }
        }
        return false;
    }

    private static PciAddress instanceFunction(VirtualGpu instance)
    {
        if (instance.function().isPresent()) {
            return instance.function().get();
        }
        if (PciAddress.isValid(instance.id())) {
            return PciAddress.parse(instance.id());
        }
        throw new VfioException(StandardErrorCode.INSTANCE_NOT_FOUND,
                "'%s' names no VF: a vendor-VFIO vGPU is named by its VF's PCI address".formatted(instance.id()));
    }

    private static VirtualGpu instance(PciAddress gpu, PciAddress vf, int typeId)
    {
        return new VirtualGpu(vf.toString(), gpu, Integer.toString(typeId), Mechanism.VENDOR_VFIO, Optional.of(vf), VendorVfioCollector.DEVICES + "/" + vf);
    }

    private void write(String path, String value, KernelRefusal.Write write, String action)
    {
        try {
            fs.write(path, value);
        }
        catch (VfioException e) {
            throw KernelRefusal.of(write, action, e);
        }
    }
}
