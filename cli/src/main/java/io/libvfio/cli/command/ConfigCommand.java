package io.libvfio.cli.command;

import io.libvfio.api.ErrorCategory;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.cli.args.CommandSpec;
import io.libvfio.cli.args.OptionSpec;
import io.libvfio.cli.args.ParameterSpec;
import io.libvfio.cli.output.Json;
import io.libvfio.runtime.text.Suggestions;
import io.libvfio.runtime.vm.config.ConfigCheck;
import io.libvfio.runtime.vm.config.ConfigFormat;
import io.libvfio.runtime.vm.config.ConfigPaths;
import io.libvfio.runtime.vm.config.ConfigProblem;
import io.libvfio.runtime.vm.config.ConfigWarning;
import io.libvfio.runtime.vm.config.NativeSchema;
import io.libvfio.runtime.vm.config.NativeWriter;
import io.libvfio.runtime.vm.config.SourcePosition;
import io.libvfio.runtime.vm.config.VmConfig;
import io.libvfio.runtime.vm.config.VmConfigLoader;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code libvfio config schema}: the native VM file format with every default.
 * {@code libvfio config check FILE...}: reads VM files (LibVF.IO or native) and reports every
 * problem with its line and column; exit code 8 when any file has one. {@code --native} prints
 * each file converted to the native format.
 */
public final class ConfigCommand
        implements CliCommand
{
    static final OptionSpec NATIVE = OptionSpec.flag("--native", "check: print each file converted to the native format (problems go to stderr).");
    private static final List<String> ACTIONS = List.of("schema", "check");
    private static final CommandSpec SPEC = new CommandSpec("config",
            "VM files: print the native format's schema (config schema), or check files (config check FILE...).",
            List.of("'config schema' prints the native format with every key, its default and its meaning; the output is itself",
                    "a valid VM file. 'config check FILE...' reads LibVF.IO (arcd) and native VM files and reports every problem",
                    "as FILE:LINE:COLUMN: KEY: message, and images or ISOs that do not exist (an error only at start).",
                    "Exit code 8 when any file has a problem."),
            List.of(NATIVE),
            List.of(new ParameterSpec("ACTION", "schema or check.", true),
                    ParameterSpec.repeatable("FILE", "check: the VM files to read.", false)));

    @Override
    public CommandSpec spec()
    {
        return SPEC;
    }

    @Override
    public void run(Session session)
    {
        List<String> parameters = session.arguments().parameters();
        String action = parameters.get(0);
        List<String> files = parameters.subList(1, parameters.size());
        if (!ACTIONS.contains(action)) {
            throw usage("config: unknown action '" + action + "' (schema or check)" + Suggestions.didYouMean(action, ACTIONS));
        }
        if (action.equals("schema")) {
            if (!files.isEmpty()) {
                throw usage("config schema: unexpected argument '" + files.get(0) + "'");
            }
            schema(session);
            return;
        }
        if (files.isEmpty()) {
            throw usage("config check: missing FILE...");
        }
        ConfigPaths paths = ConfigPaths.forRoot(session.root());
        VmConfigLoader loader = new VmConfigLoader(paths);
        List<ConfigCheck> checks = new ArrayList<>();
        for (String file : files) {
            checks.add(loader.check(Path.of(file)));
        }
        boolean toNative = session.arguments().has(NATIVE.name());
        if (session.json()) {
            json(session.out(), checks, toNative ? new NativeWriter(paths) : null);
        }
        else {
            text(session, checks, toNative ? new NativeWriter(paths) : null);
        }
        if (checks.stream().anyMatch(check -> !check.ok())) {
            session.exitWith(ErrorCategory.CONFIG);
        }
    }

    private static void schema(Session session)
    {
        if (session.json()) {
            Map<String, Object> document = Json.document();
            document.put("format", NativeSchema.VERSION);
            document.put("schema", NativeSchema.render());
            Json.print(session.out(), document);
            return;
        }
        session.out().print(NativeSchema.render());
        session.out().flush();
    }

    private static void text(Session session, List<ConfigCheck> checks, NativeWriter writer)
    {
        PrintWriter report = writer == null ? session.out() : session.err();
        boolean first = true;
        for (ConfigCheck check : checks) {
            for (ConfigProblem problem : check.problems()) {
                report.println(problem.render(check.file()));
            }
            for (ConfigWarning warning : check.warnings()) {
                report.println(warning.render(check.file()).replaceFirst(": ", ": warning: "));
            }
            if (check.config().isPresent()) {
                VmConfig config = check.config().get();
                for (ConfigProblem missing : VmConfigLoader.missingFiles(config)) {
                    report.println(missing.render(check.file()).replaceFirst(": ", ": warning: ") + " (an error at start)");
                }
                if (writer == null) {
                    report.println(check.file() + ": ok: " + summary(config));
                }
                else {
                    session.out().print((first ? "" : "---\n") + writer.write(config));
                    first = false;
                }
            }
        }
        int bad = (int) checks.stream().filter(check -> !check.ok()).count();
        if (bad > 0) {
            report.println(bad + " of " + checks.size() + " file" + (checks.size() == 1 ? "" : "s") + " with problems.");
        }
        report.flush();
        session.out().flush();
    }

    /** {@code LibVF.IO file, VM amd-mdev: 16 vCPUs, 8192 MiB, 1 disk, 1 GPU (sriovdev)}. */
    static String summary(VmConfig config)
    {
        List<String> kinds = new ArrayList<>();
        config.gpus().forEach(gpu -> kinds.add(gpu.kindLabel()));
        return (config.format() == ConfigFormat.LIBVFIO ? "LibVF.IO" : "native") + " file, VM " + config.name() + ": "
                + config.machine().cpus().vcpus() + " vCPUs, " + config.machine().memoryMib() + " MiB, "
                + plural(config.storage().disks().size(), "disk") + ", " + plural(config.gpus().size(), "GPU")
                + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")");
    }

    private static String plural(int count, String noun)
    {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static void json(PrintWriter out, List<ConfigCheck> checks, NativeWriter writer)
    {
        Map<String, Object> document = Json.document();
        document.put("ok", checks.stream().allMatch(ConfigCheck::ok));
        List<Object> files = new ArrayList<>();
        for (ConfigCheck check : checks) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("file", check.file());
            view.put("ok", check.ok());
            view.put("format", check.config().map(config -> config.format().name().toLowerCase(Locale.ROOT)).orElse(null));
            view.put("name", check.config().map(VmConfig::name).orElse(null));
            List<Object> problems = new ArrayList<>();
            check.problems().forEach(problem -> problems.add(finding(check.file(), problem.position(), problem.message())));
            view.put("problems", problems);
            List<Object> warnings = new ArrayList<>();
            check.warnings().forEach(warning -> warnings.add(finding(check.file(), warning.position(), warning.message())));
            view.put("warnings", warnings);
            List<Object> missing = new ArrayList<>();
            check.config().ifPresent(config -> VmConfigLoader.missingFiles(config)
                    .forEach(problem -> missing.add(finding(check.file(), problem.position(), problem.message()))));
            view.put("missingFiles", missing);
            if (writer != null) {
                view.put("native", check.config().map(writer::write).orElse(null));
            }
            files.add(view);
        }
        document.put("files", files);
        Json.print(out, document);
    }

    private static Map<String, Object> finding(String file, SourcePosition position, String message)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("line", position.line());
        view.put("column", position.column());
        view.put("key", position.key());
        view.put("message", message);
        view.put("text", position.message(file, message));
        return view;
    }

    private static VfioException usage(String message)
    {
        return new VfioException(StandardErrorCode.INVALID_ARGUMENT, message);
    }
}
