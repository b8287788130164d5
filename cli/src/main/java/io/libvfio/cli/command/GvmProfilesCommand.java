package io.libvfio.cli.command;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.backend.nvidia.gvm.profile.GvmProfile;
import io.libvfio.backend.nvidia.gvm.profile.GvmProfiles;
import io.libvfio.backend.nvidia.gvm.profile.GvmTypeDefinition;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.cli.output.Table;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code libvfio gvm-profiles FILE...}: which {@code nvidia-N} types GVM profile files (Mdev-GPU
 * YAML, GVM-user TOML) define, with what framebuffer; a file with a mistake is an error naming
 * file, line and key (exit 8). Reads only the named files, never the host. The one command that
 * uses a backend's classes directly (ArchitectureTest): profiles are NVIDIA's, the reading is the
 * backend's, and SnakeYAML is loaded only here.
 */
public final class GvmProfilesCommand
        implements CliCommand
{
    private static final CommandSpec SPEC = new CommandSpec("gvm-profiles",
            "Check GVM vGPU-type profiles (Mdev-GPU YAML, GVM-user TOML) and show the nvidia-N types they define.",
            List.of("Reads the files as Arc-Compute's mdev-cli and gvm-cli take them (/etc/gvm/...), key aliases included;",
                    "framebuffer is per instance: the guest's part (fbLen) plus the host's reservation (fbRes)."),
            List.of(),
            List.of(new ParameterSpec("FILE...", "Profile files: .yaml/.yml/.json (Mdev-GPU) or .toml (GVM-user).", true, true)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        List<GvmProfile> profiles = new ArrayList<>();
        for (String file : session.arguments().parameters()) {
            profiles.add(GvmProfiles.parse(file, read(file)));
        }
        PrintWriter out = session.out();
        if (session.json()) {
            Map<String, Object> document = Json.document();
            List<Object> views = new ArrayList<>();
            for (GvmProfile profile : profiles) {
                views.add(view(profile));
            }
            document.put("profiles", views);
            Json.print(out, document);
            return;
        }
        Table table = new Table("FILE", "FORMAT", "TYPE", "NAME", "CLASS", "FRAMEBUFFER", "GUEST", "INSTANCES", "HEADS", "MAX RESOLUTION");
        for (GvmProfile profile : profiles) {
            for (GvmTypeDefinition type : profile.types()) {
                table.row(profile.file() + ":" + type.line(), profile.format().label(), type.typeId(), type.name(), type.gpuClass(),
                        type.framebufferMib() + " MiB", type.guestFramebufferMib() + " MiB", Long.toString(type.maxInstances()),
                        Long.toString(type.heads()), type.maxResolutionX() + "x" + type.maxResolutionY());
            }
            profile.notes().forEach(session::warn);
        }
        table.print(out);
    }

    private static String read(String file)
    {
        try {
            Path path = Path.of(file);
            if (Files.isDirectory(path)) {
                throw new VfioException(StandardErrorCode.INVALID_CONFIG, file + ": a directory, not a profile file");
            }
            return Files.readString(path);
        }
        catch (InvalidPathException e) {
            throw VfioException.usage("'%s' is not a file name", file.replace("\0", "\\0"));
        }
        catch (NoSuchFileException e) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, file + ": no such file");
        }
        catch (CharacterCodingException e) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, file + ": not UTF-8 text");
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, "cannot read %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    private static Map<String, Object> view(GvmProfile profile)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("file", profile.file());
        view.put("format", profile.format().label());
        view.put("gpuFilters", profile.gpuFilters());
        List<Object> types = new ArrayList<>();
        for (GvmTypeDefinition type : profile.types()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", type.typeId());
            entry.put("num", type.num());
            entry.put("line", type.line());
            entry.put("name", type.name());
            entry.put("class", type.gpuClass());
            entry.put("framebufferMib", type.framebufferMib());
            entry.put("guestFramebufferMib", type.guestFramebufferMib());
            entry.put("reservedFramebufferMib", type.reservedFramebufferMib());
            entry.put("maxInstances", type.maxInstances());
            entry.put("heads", type.heads());
            entry.put("maxResolution", type.maxResolutionX() + "x" + type.maxResolutionY());
            entry.put("frlConfig", type.frlConfig());
            entry.put("frlEnabled", type.frlEnabled());
            entry.put("ecc", type.ecc());
            entry.put("multiMdev", type.multiMdev());
            entry.put("mapVideoSizeMib", type.mapVideoSizeMib());
            entry.put("encoderCapPercent", type.encoderCapPercent());
            entry.put("bar1Length", type.bar1Length());
            entry.put("virtualDeviceId", type.virtualDeviceId().isPresent() ? "0x%08x".formatted(type.virtualDeviceId().getAsLong()) : null);
            entry.put("physicalDeviceId", type.physicalDeviceId().isPresent() ? "0x%04x".formatted(type.physicalDeviceId().getAsLong()) : null);
            types.add(entry);
        }
        view.put("types", types);
        view.put("notes", new ArrayList<Object>(profile.notes()));
        return view;
    }
}
