package io.libvfio.cli.command;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.args.ParsedArguments;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.VgpuViews;
import io.libvfio.runtime.vgpu.CreateOrder;
import io.libvfio.runtime.vgpu.FunctionBinding;
import io.libvfio.runtime.vgpu.InstanceIds;
import io.libvfio.runtime.vgpu.VgpuChange;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.runtime.vm.VmConfigFiles;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code libvfio create --gpu BDF --type ID [--uuid UUID] [--force] [--dry-run]}: one vGPU of a
 * type on a GPU, bound for QEMU and recorded. The vGPU form is the one with {@code --gpu};
 * {@link #run} is the place to dispatch other forms of {@code create} on their first argument.
 */
public final class CreateCommand
        implements CliCommand
{
    static final OptionSpec GPU = OptionSpec.valued("--gpu", "BDF", "PCI address of the GPU, e.g. 0000:01:00.0.");
    static final OptionSpec TYPE = OptionSpec.valued("--type", "ID", "vGPU type id from 'libvfio types BDF' (passthrough: the whole GPU).");
    static final OptionSpec UUID = OptionSpec.valued("--uuid", "UUID", "UUID of the new mdev (default: a random one).");
    static final OptionSpec FORCE = OptionSpec.flag("--force",
            "vGPU: take a GPU the host displays through (the boot VGA, a connected monitor). VM: replace an existing disk image.");
    private static final CommandSpec SPEC = new CommandSpec("create",
            "Create a virtual GPU (--gpu BDF --type ID), or a VM's disk and boot its installer (VM.yaml INSTALLER.iso SIZE_GB).",
            List.of("vGPU form: every write is undone when a step fails; nothing is left half-made. A VF or a passed-through GPU",
                    "(with every function of its IOMMU group) is bound to vfio-pci; the drivers they had come back on destroy.",
                    "VM form (the first argument is a .yaml file): the VM file's first disk is made as qcow2 by qemu-img, never over",
                    "an existing image without --force, and the VM starts with the installer as a CD and VNC on 127.0.0.1."),
            List.of(GPU, TYPE, UUID, FORCE, MutationOptions.DRY_RUN, StartCommand.DISABLE_GPU, StartCommand.ACCEL),
            List.of(new ParameterSpec("VM.yaml", "VM form: the VM file.", false), new ParameterSpec("INSTALLER.iso", "VM form: the OS installer.", false),
                    new ParameterSpec("SIZE_GB", "VM form: disk size in GiB (1 to 65536).", false)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        Optional<String> first = session.arguments().parameter(0);
        if (first.isPresent()) {
            if (!VmConfigFiles.isVmFile(first.get())) {
                throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "create: '" + first.get()
                        + "' is not a VM file (.yaml); create a vGPU with --gpu BDF --type ID, or a VM with VM.yaml INSTALLER.iso SIZE_GB");
            }
            if (session.arguments().parameters().size() != 3) {
                throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "create VM.yaml INSTALLER.iso SIZE_GB: "
                        + (session.arguments().parameters().size() < 3 ? "missing " + (session.arguments().parameters().size() == 1 ? "INSTALLER.iso" : "SIZE_GB")
                        : "unexpected argument '" + session.arguments().parameters().get(3) + "'"));
            }
            if (session.arguments().value(GPU.name()).isPresent() || session.arguments().value(TYPE.name()).isPresent()) {
                throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "create: --gpu and --type belong to the vGPU form, not to create VM.yaml");
            }
            new VmCreation().run(session);
            return;
        }
        createVgpu(session);
    }

    private static void createVgpu(Session session)
    {
        CreateOrder order = order(session.arguments());
        VgpuChange change = VgpuService.on(session.runtime()).create(order);
        if (session.json()) {
            Json.print(session.out(), VgpuViews.change(change));
            return;
        }
        PrintWriter out = session.out();
        String id = change.entry().id();
        if (change.dryRun()) {
            out.println("Dry run: would create vGPU of type %s on %s with backend %s (%s).".formatted(order.typeId(), order.gpu(),
                    change.entry().backend(), change.entry().instance().mechanism().label()));
            MutationOptions.printWrites(out, "Writes, in order:", change.writes());
        }
        else {
            out.println("Created vGPU %s: type %s on %s, backend %s (%s).".formatted(id, order.typeId(), order.gpu(), change.entry().backend(),
                    change.entry().instance().mechanism().label()));
            for (FunctionBinding binding : change.bindings()) {
                out.println("  %s bound to vfio-pci (was %s; /dev/vfio/%d)".formatted(binding.function(), binding.originalDriver().orElse("no driver"),
                        binding.iommuGroup()));
            }
            out.println("Device: " + change.entry().instance().devicePath());
            out.println("Destroy it with: libvfio destroy " + id);
        }
        out.flush();
    }

    private static CreateOrder order(ParsedArguments arguments)
    {
        Optional<String> gpu = arguments.value(GPU.name());
        Optional<String> type = arguments.value(TYPE.name());
        if (gpu.isEmpty() || type.isEmpty()) {
            throw VfioException.usage("create: %s is required (create --gpu BDF --type ID)", gpu.isEmpty() ? "--gpu BDF" : "--type ID");
        }
        if (type.get().isBlank()) {
            throw VfioException.usage("create: --type must not be empty");
        }
        return new CreateOrder(PciAddress.parse(gpu.get()), type.get(), arguments.value(UUID.name()).map(InstanceIds::uuid),
                arguments.has(FORCE.name()), arguments.has(MutationOptions.DRY_RUN.name()));
    }
}
