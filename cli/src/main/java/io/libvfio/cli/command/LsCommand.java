package io.libvfio.cli.command;

import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;
import io.libvfio.runtime.vm.config.ConfigPaths;
import io.libvfio.runtime.vm.config.VmCatalog;
import io.libvfio.runtime.vm.config.VmConfig;
import io.libvfio.runtime.vm.config.VmConfigLoader;
import io.libvfio.runtime.vm.config.VmDirectories;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code libvfio ls}: the VM files and disk images in the per-user locations
 * ({@link VmDirectories}), inside the root on a simulated host.
 */
public final class LsCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("ls",
            "List VM files and disk images: name, file, boot image and its size.",
            List.of("VM files are read from $XDG_CONFIG_HOME/libvfio/vms (~/.config/libvfio/vms; /etc/libvfio/vms as root;",
                    "LIBVFIO_VM_DIR overrides), images from $XDG_DATA_HOME/libvfio/images (/var/lib/libvfio/images as root).",
                    "On a simulated host (--root) both lie inside the root: <root>/etc/libvfio/vms and <root>/var/lib/libvfio/images.",
                    "A VM file with a problem is listed with it, never hidden."),
            List.of(), List.of());

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        VmCatalog catalog = new VmCatalog(VmDirectories.forRoot(session.root()), new VmConfigLoader(ConfigPaths.forRoot(session.root())));
        List<VmCatalog.VmEntry> vms = catalog.vms();
        List<VmCatalog.ImageEntry> images = catalog.images();
        if (session.json()) {
            json(session.out(), catalog, vms, images);
        }
        else {
            text(session.out(), catalog, vms, images);
        }
    }

    private static void text(PrintWriter out, VmCatalog catalog, List<VmCatalog.VmEntry> vms, List<VmCatalog.ImageEntry> images)
    {
        out.println("VMs in " + catalog.directories().vms() + ":");
        if (vms.isEmpty()) {
            out.println("  none (put VM files there, or run: libvfio config schema > " + catalog.directories().vms().resolve("my-vm.yaml") + ")");
        }
        else {
            Table table = new Table("NAME", "FILE", "FORMAT", "IMAGE", "SIZE", "STATUS");
            for (VmCatalog.VmEntry vm : vms) {
                table.row(vm.check().config().map(VmConfig::name).orElse("-"), vm.file().getFileName().toString(),
                        vm.check().config().map(config -> config.format().name().toLowerCase(Locale.ROOT)).orElse("-"),
                        bootImage(vm), size(vm.bootDiskBytes(), vm), status(vm));
            }
            table.print(out);
        }
        out.println();
        out.println("Images in " + catalog.directories().images() + ":");
        if (images.isEmpty()) {
            out.println("  none");
        }
        else {
            Table table = new Table("FILE", "SIZE");
            for (VmCatalog.ImageEntry image : images) {
                table.row(image.file().getFileName().toString(), human(image.bytes()));
            }
            table.print(out);
        }
        out.flush();
    }

    private static String bootImage(VmCatalog.VmEntry vm)
    {
        return vm.check().config().filter(config -> !config.storage().disks().isEmpty())
                .map(config -> config.storage().disks().get(0).path().toString()).orElse("-");
    }

    private static String size(OptionalLong bytes, VmCatalog.VmEntry vm)
    {
        if (bytes.isPresent()) {
            return human(bytes.getAsLong());
        }
        return bootImage(vm).equals("-") ? "-" : "missing";
    }

    private static String status(VmCatalog.VmEntry vm)
    {
        if (vm.check().ok()) {
            return "ok";
        }
        String first = vm.check().problems().get(0).render(vm.file().getFileName().toString());
        return "invalid: " + first + (vm.check().problems().size() > 1 ? " (+" + (vm.check().problems().size() - 1) + ")" : "");
    }

    static String human(long bytes)
    {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        long tenths = Math.round(value * 10);
        return tenths / 10 + "." + tenths % 10 + " " + units[unit];
    }

    private static void json(PrintWriter out, VmCatalog catalog, List<VmCatalog.VmEntry> vms, List<VmCatalog.ImageEntry> images)
    {
        Map<String, Object> document = Json.document();
        document.put("vmDirectory", catalog.directories().vms().toString());
        document.put("imageDirectory", catalog.directories().images().toString());
        List<Object> vmViews = new ArrayList<>();
        for (VmCatalog.VmEntry vm : vms) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", vm.file().toString());
            view.put("ok", vm.check().ok());
            view.put("name", vm.check().config().map(VmConfig::name).orElse(null));
            view.put("format", vm.check().config().map(config -> config.format().name().toLowerCase(Locale.ROOT)).orElse(null));
            String image = bootImage(vm);
            view.put("image", image.equals("-") ? null : image);
            view.put("imageBytes", vm.bootDiskBytes().isPresent() ? (Object) vm.bootDiskBytes().getAsLong() : null);
            List<Object> problems = new ArrayList<>();
            vm.check().problems().forEach(problem -> problems.add(problem.render(vm.file().toString())));
            view.put("problems", problems);
            vmViews.add(view);
        }
        document.put("vms", vmViews);
        List<Object> imageViews = new ArrayList<>();
        for (VmCatalog.ImageEntry image : images) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", image.file().toString());
            view.put("bytes", image.bytes());
            imageViews.add(view);
        }
        document.put("images", imageViews);
        Json.print(out, document);
    }
}
