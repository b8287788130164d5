package io.libvfio.runtime.vm.config;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Reads VM files: LibVF.IO's {@code arcd} YAML unchanged (NimYAML's {@code %TAG} header and
 * {@code !n!custom:Config} tag, {@code gpus} as lists of one-key maps, or the plain form) and the
 * native format ({@code libvfio: 1}, {@link NativeSchema}). Loading is safe ({@link SafeYaml});
 * every problem is reported as {@code FILE:LINE:COLUMN: KEY: message}, unknown keys with a
 * suggestion. A file is at most {@value SafeYaml#MAX_CODE_POINTS} bytes.
 */
public final class VmConfigLoader
{
    private final ConfigPaths paths;

    public VmConfigLoader(ConfigPaths paths)
    {
        this.paths = requireNonNull(paths, "paths is null");
    }

    /** The file's configuration; a {@link StandardErrorCode#INVALID_CONFIG} error naming the first problem otherwise. */
    public VmConfig load(Path file)
    {
        return orThrow(check(file));
    }

    /** Every problem of the file, or its configuration. */
    public ConfigCheck check(Path file)
    {
        String name = file.toString();
        Problems problems = new Problems();
        String text;
        try {
            if (Files.size(file) > SafeYaml.MAX_CODE_POINTS) {
                problems.add(SourcePosition.wholeFile(), "larger than " + SafeYaml.MAX_CODE_POINTS + " bytes; not a VM file");
                return result(name, Optional.empty(), problems);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (NoSuchFileException e) {
            problems.add(SourcePosition.wholeFile(), "no such file");
            return result(name, Optional.empty(), problems);
        }
        catch (CharacterCodingException e) {
            problems.add(SourcePosition.wholeFile(), "not UTF-8 text");
            return result(name, Optional.empty(), problems);
        }
        catch (IOException e) {
            problems.add(SourcePosition.wholeFile(), "cannot read: " + e.getMessage());
            return result(name, Optional.empty(), problems);
        }
        return check(file, new StringReader(text));
    }

    /** Reads {@code reader} as the content of {@code file} (whose name and directory the result uses). */
    public ConfigCheck check(Path file, Reader reader)
    {
        String name = file.toString();
        Problems problems = new Problems();
        Optional<Node> root = SafeYaml.read(reader, problems);
        if (root.isEmpty()) {
            return result(name, Optional.empty(), problems);
        }
        Optional<YamlMap> top = YamlMap.of("", root.get(), problems);
        if (top.isEmpty()) {
            return result(name, Optional.empty(), problems);
        }
        Path source = file.toAbsolutePath().normalize();
        Path directory = source.getParent() == null ? source : source.getParent();
        Fields fields = new Fields(problems, new Positions());
        String stem = stem(source);
        boolean isNative = !SafeYaml.NIM_CONFIG_TAG.equals(root.get().getTag().getValue()) && NativeReader.isNative(root.get());
        VmConfig config;
        if (isNative) {
            String defaultName = VmConfig.isValidName(stem) ? stem : "vm";
            if (!VmConfig.isValidName(stem) && !top.get().has("name")) {
                problems.add(new SourcePosition("name", 1, 1), "the file name '" + stem + "' is not a VM name; set name");
            }
            config = new NativeReader(fields, paths, directory).read(top.get(), defaultName, source);
        }
        else {
            if (!VmConfig.isValidName(stem)) {
                problems.add(new SourcePosition("(file name)", 1, 1), "a LibVF.IO VM is named after its file, and '" + stem
                        + "' is not a VM name (letters, digits, '_', '.', '-'); rename the file");
            }
            config = new LibvfioReader(fields, paths, directory).read(top.get(), VmConfig.isValidName(stem) ? stem : "vm", source);
        }
        return result(name, Optional.of(config), problems);
    }

    /** The configuration of a check, or the error naming its first problem. */
    public static VmConfig orThrow(ConfigCheck check)
    {
        if (check.ok()) {
            return check.config().orElseThrow();
        }
        List<ConfigProblem> problems = check.problems();
        String message = problems.get(0).render(check.file());
        if (problems.size() > 1) {
            message += " (and " + (problems.size() - 1) + " more; run 'libvfio config check " + check.file() + "')";
        }
        throw new VfioException(StandardErrorCode.INVALID_CONFIG, message);
    }

    /**
     * The disk images, ISO and shared directory the configuration names that do not exist, each at
     * the position of its key: the start command calls this before it changes anything.
     */
    public static List<ConfigProblem> missingFiles(VmConfig config)
    {
        List<ConfigProblem> missing = new ArrayList<>();
        List<Disk> disks = config.storage().disks();
        for (int index = 0; index < disks.size(); index++) {
            Path path = disks.get(index).path();
            if (!Files.isRegularFile(path) && !Files.isSymbolicLink(path)) {
                missing.add(new ConfigProblem(config.positions().at("disks[" + index + "]"), "disk image " + path + " does not exist"));
            }
        }
        config.storage().installIso().filter(iso -> !Files.isRegularFile(iso))
                .ifPresent(iso -> missing.add(new ConfigProblem(config.positions().at("installIso"), "ISO " + iso + " does not exist")));
        config.storage().sharedDirectory().filter(directory -> !Files.isDirectory(directory))
                .ifPresent(directory -> missing.add(new ConfigProblem(config.positions().at("sharedDirectory"), "shared directory " + directory + " does not exist")));
        return missing;
    }

    /** {@link #missingFiles} as an error naming the first missing file, for commands that need them. */
    public static void requireFiles(VmConfig config, String file)
    {
        List<ConfigProblem> missing = missingFiles(config);
        if (!missing.isEmpty()) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, missing.get(0).render(file)
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more missing)" : ""));
        }
    }

    private static ConfigCheck result(String name, Optional<VmConfig> config, Problems problems)
    {
        List<ConfigProblem> sorted = new ArrayList<>(problems.problems());
        if (sorted.size() > 1) {
            // only when there is something to sort: a VM start with a valid file links no comparator
            sorted.sort(Comparator.comparingInt((ConfigProblem problem) -> problem.position().line()).thenComparingInt(problem -> problem.position().column()));
        }
        return new ConfigCheck(name, problems.isEmpty() ? config : Optional.empty(), sorted, problems.warnings());
    }

    private static String stem(Path file)
    {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        for (String extension : List.of(".yaml", ".yml")) {
            if (name.endsWith(extension)) {
                return name.substring(0, name.length() - extension.length());
            }
        }
        return name;
    }
}
