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
import io.libvfio.runtime.plan.Candidate;
import io.libvfio.runtime.plan.Policy;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.plan.VramRange;
import io.libvfio.runtime.vgpu.CreateOrder;
import io.libvfio.runtime.vgpu.FunctionBinding;
import io.libvfio.runtime.vgpu.InstanceIds;
import io.libvfio.runtime.vgpu.PlannedChange;
import io.libvfio.runtime.vgpu.VgpuChange;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.runtime.vm.VmConfigFiles;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code libvfio create (--gpu BDF --type ID | --vram MIN[:MAX] [--gpu BDF] [--policy P]) [--uuid UUID]
 * [--force] [--dry-run]}: one vGPU of a type on a GPU (or of the type and GPU the planner chooses
 * for a size), bound for QEMU and recorded. The vGPU form is the one with {@code --gpu};
 * {@link #run} is the place to dispatch other forms of {@code create} on their first argument.
 */
public final class CreateCommand
        implements CliCommand
{
    static final OptionSpec GPU = OptionSpec.valued("--gpu", "BDF", "PCI address of the GPU, e.g. 0000:01:00.0 (with --vram: only this GPU).");
    static final OptionSpec TYPE = OptionSpec.valued("--type", "ID", "vGPU type id from 'libvfio types BDF' (passthrough: the whole GPU).");
    static final OptionSpec VRAM = OptionSpec.valued("--vram", "MIN[:MAX]",
            "Instead of --type: let the planner choose type and GPU, the smallest framebuffer in this range (e.g. 2G:4G; see 'libvfio plan').");
    static final OptionSpec POLICY = OptionSpec.valued("--policy", "POLICY", "With --vram, among equal fits: spread (default) or pack.");
    static final OptionSpec UUID = OptionSpec.valued("--uuid", "UUID", "UUID of the new mdev (default: a random one).");
    static final OptionSpec FORCE = OptionSpec.flag("--force",
            "vGPU: take a GPU the host displays through (the boot VGA, a connected monitor). VM: replace an existing disk image.");
    private static final CommandSpec SPEC = new CommandSpec("create",
            "Create a virtual GPU (--gpu BDF --type ID, or --vram MIN[:MAX]), or a VM's disk and boot its installer (VM.yaml INSTALLER.iso SIZE_GB).",
            List.of("vGPU form: every write is undone when a step fails; nothing is left half-made. A VF or a passed-through GPU",
                    "(with every function of its IOMMU group) is bound to vfio-pci; the drivers they had come back on destroy.",
                    "With --vram the choice is 'libvfio plan''s, made under the same host lock as the create, so two",
                    "processes never take the same slot; exit code 9 when nothing fits.",
                    "VM form (the first argument is a .yaml file): the VM file's first disk is made as qcow2 by qemu-img, never over",
                    "an existing image without --force, and the VM starts with the installer as a CD and VNC on 127.0.0.1."),
            List.of(GPU, TYPE, VRAM, POLICY, UUID, FORCE, MutationOptions.DRY_RUN, StartCommand.DISABLE_GPU, StartCommand.ACCEL),
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
            if (session.arguments().value(GPU.name()).isPresent() || session.arguments().value(TYPE.name()).isPresent()
                    || session.arguments().value(VRAM.name()).isPresent()) {
                throw new VfioException(StandardErrorCode.INVALID_ARGUMENT, "create: --gpu, --type and --vram belong to the vGPU form, not to create VM.yaml");
            }
            new VmCreation().run(session);
            return;
        }
        createVgpu(session);
    }

    private static void createVgpu(Session session)
    {
        ParsedArguments arguments = session.arguments();
        if (arguments.value(VRAM.name()).isPresent()) {
            createBySize(session, arguments);
            return;
        }
        if (arguments.value(POLICY.name()).isPresent()) {
            throw VfioException.usage("create: --policy goes with --vram");
        }
        CreateOrder order = order(arguments);
        VgpuChange change = VgpuService.on(session.runtime()).create(order);
        print(session, change, order.typeId(), order.gpu());
    }

    private static void createBySize(Session session, ParsedArguments arguments)
    {
        if (arguments.value(TYPE.name()).isPresent()) {
            throw VfioException.usage("create: give --type ID or --vram MIN[:MAX], not both");
        }
        VramRange range = VramRange.parse(arguments.value(VRAM.name()).get(), VRAM.name(), StandardErrorCode.INVALID_ARGUMENT);
        Optional<PciAddress> gpu = arguments.value(GPU.name()).map(PciAddress::parse);
        Policy policy = arguments.value(POLICY.name()).map(text -> Policy.parse(POLICY.name(), text)).orElse(Policy.SPREAD);
        Optional<String> uuid = arguments.value(UUID.name()).map(InstanceIds::uuid);
        gpu.ifPresent(address -> session.runtime().types(Optional.of(address)));
        PlannedChange planned = VgpuService.on(session.runtime()).create(SliceRequest.ofVram(range, gpu, policy), uuid, arguments.has(FORCE.name()),
                arguments.has(MutationOptions.DRY_RUN.name()));
        Candidate chosen = planned.plan().requireChoice();
        if (session.json()) {
            Map<String, Object> document = VgpuViews.change(planned.change());
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("request", planned.plan().request().label());
            choice.put("policy", policy.label());
            choice.put("gpu", chosen.gpu().toString());
            choice.put("type", chosen.type().id());
            choice.put("framebufferMib", chosen.type().framebufferMib());
            choice.put("why", planned.plan().chosen().orElseThrow().explanation());
            document.put("plan", choice);
            Json.print(session.out(), document);
            return;
        }
        session.out().println("Chose type %s (%s, %d MiB) on %s for %s: %s.".formatted(chosen.type().id(), chosen.type().name(), chosen.type().framebufferMib(),
                chosen.gpu(), planned.plan().request().label(), planned.plan().chosen().orElseThrow().explanation()));
        print(session, planned.change(), chosen.type().id(), chosen.gpu());
    }

    private static void print(Session session, VgpuChange change, String typeId, PciAddress gpu)
    {
        if (session.json()) {
            Json.print(session.out(), VgpuViews.change(change));
            return;
        }
        PrintWriter out = session.out();
        String id = change.entry().id();
        if (change.dryRun()) {
            out.println("Dry run: would create vGPU of type %s on %s with backend %s (%s).".formatted(typeId, gpu,
                    change.entry().backend(), change.entry().instance().mechanism().label()));
            MutationOptions.printWrites(out, "Writes, in order:", change.writes());
        }
        else {
            out.println("Created vGPU %s: type %s on %s, backend %s (%s).".formatted(id, typeId, gpu, change.entry().backend(),
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
            throw VfioException.usage("create: %s is required (create --gpu BDF --type ID, or create --vram MIN[:MAX])",
                    type.isEmpty() ? "--type ID" : "--gpu BDF");
        }
        if (type.get().isBlank()) {
            throw VfioException.usage("create: --type must not be empty");
        }
        return new CreateOrder(PciAddress.parse(gpu.get()), type.get(), arguments.value(UUID.name()).map(InstanceIds::uuid),
                arguments.has(FORCE.name()), arguments.has(MutationOptions.DRY_RUN.name()));
    }
}
