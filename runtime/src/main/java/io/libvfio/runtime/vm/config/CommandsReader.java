package io.libvfio.runtime.vm.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code commands} (raw QEMU arguments) and the host hook lists, always into argument
 * vectors. LibVF.IO: {@code commands} entries are {@code {arg, values}} (the argument, then the
 * values joined with commas as one more argument); hook lists are {@code {is_root, list: [{exec,
 * args}]}} and a trailing {@code &} argument (a shell's "run in the background") becomes
 * {@link HookCommand#background()}. Native: {@code commands} entries are lists of strings; hook
 * entries are lists of strings or {@code {argv, asRoot, background}}.
 */
final class CommandsReader
{
    static final List<String> NATIVE_HOOK_KEYS = List.of("argv", "asRoot", "background");

    private final Fields fields;

    CommandsReader(Fields fields)
    {
        this.fields = fields;
    }

    List<List<String>> qemuArguments(YamlMap map, ConfigFormat format)
    {
        List<List<String>> arguments = new ArrayList<>();
        Optional<Node> node = fields.value(map, "commands", "commands");
        if (node.isEmpty()) {
            return arguments;
        }
        List<Node> entries = Scalars.list(node.get(), "commands", fields.problems()).orElse(List.of());
        for (int index = 0; index < entries.size(); index++) {
            Node entry = entries.get(index);
            String key = "commands[" + index + "]";
            fields.positions().put(key, SafeYaml.position(key, entry));
            if (format == ConfigFormat.NATIVE) {
                if (!(entry instanceof SequenceNode)) {
                    fields.problems().add(SafeYaml.position(key, entry), "expected a list of strings such as [\"-set\", \"device.hostdev0.x-pci-device-id=0x1b30\"], not "
                            + Scalars.kind(entry));
                    continue;
                }
                Scalars.strings(entry, key, fields.problems()).ifPresent(strings -> add(arguments, strings, entry, key));
                continue;
            }
            Optional<YamlMap> command = YamlMap.of(key, entry, fields.problems());
            if (command.isEmpty()) {
                continue;
            }
            command.get().rejectUnknown(List.of("arg", "values"), fields.problems());
            Optional<String> argument = command.get().value("arg").flatMap(value -> Scalars.string(value, command.get().key("arg"), fields.problems()));
            if (!command.get().has("arg")) {
                fields.problems().add(command.get().position(), "arg is required (such as \"-set\")");
            }
            List<String> values = command.get().value("values").flatMap(value -> Scalars.strings(value, command.get().key("values"), fields.problems()))
                    .orElse(List.of());
            argument.ifPresent(text -> {
                List<String> argv = new ArrayList<>();
                argv.add(text);
                if (!values.isEmpty()) {
                    argv.add(String.join(",", values));
                }
                add(arguments, argv, entry, key);
            });
        }
        return arguments;
    }

    private void add(List<List<String>> arguments, List<String> argv, Node entry, String key)
    {
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            fields.problems().add(SafeYaml.position(key, entry), "an empty argument list");
            return;
        }
        arguments.add(argv);
    }

    List<HookCommand> hooks(YamlMap map, String key, ConfigFormat format)
    {
        List<HookCommand> hooks = new ArrayList<>();
        Optional<Node> node = fields.value(map, key, key);
        if (node.isEmpty()) {
            return hooks;
        }
        List<Node> entries = Scalars.list(node.get(), key, fields.problems()).orElse(List.of());
        for (int index = 0; index < entries.size(); index++) {
            Node entry = entries.get(index);
            String path = key + "[" + index + "]";
            fields.positions().put(path, SafeYaml.position(path, entry));
            if (format == ConfigFormat.NATIVE) {
                nativeHook(entry, path).ifPresent(hooks::add);
            }
            else {
                hooks.addAll(libvfioHooks(entry, path));
            }
        }
        return hooks;
    }

    private Optional<HookCommand> nativeHook(Node entry, String path)
    {
        if (!(entry instanceof MappingNode)) {
            return Scalars.strings(entry, path, fields.problems()).filter(argv -> nonEmpty(argv, entry, path))
                    .map(argv -> new HookCommand(argv, false, false));
        }
        Optional<YamlMap> hook = YamlMap.of(path, entry, fields.problems());
        if (hook.isEmpty()) {
            return Optional.empty();
        }
        hook.get().rejectUnknown(NATIVE_HOOK_KEYS, fields.problems());
        if (!hook.get().has("argv")) {
            fields.problems().add(hook.get().position(), "argv is required (the command and its arguments, as a list)");
            return Optional.empty();
        }
        boolean asRoot = fields.bool(hook.get(), "asRoot", path + ".asRoot", false);
        boolean background = fields.bool(hook.get(), "background", path + ".background", false);
        return hook.get().value("argv").flatMap(argv -> Scalars.strings(argv, hook.get().key("argv"), fields.problems()))
                .filter(argv -> nonEmpty(argv, entry, path))
                .map(argv -> new HookCommand(argv, asRoot, background));
    }

    private List<HookCommand> libvfioHooks(Node entry, String path)
    {
        List<HookCommand> hooks = new ArrayList<>();
        Optional<YamlMap> group = YamlMap.of(path, entry, fields.problems());
        if (group.isEmpty()) {
            return hooks;
        }
        group.get().rejectUnknown(List.of("is_root", "list"), fields.problems());
        boolean asRoot = fields.bool(group.get(), "is_root", path + ".is_root", false);
        List<Node> commands = group.get().value("list").flatMap(list -> Scalars.list(list, group.get().key("list"), fields.problems())).orElse(List.of());
        for (int index = 0; index < commands.size(); index++) {
            String commandPath = path + ".list[" + index + "]";
            Optional<YamlMap> command = YamlMap.of(commandPath, commands.get(index), fields.problems());
            if (command.isEmpty()) {
                continue;
            }
            command.get().rejectUnknown(List.of("exec", "args"), fields.problems());
            int before = fields.problems().count();
            Optional<String> exec = command.get().value("exec").flatMap(value -> Scalars.string(value, command.get().key("exec"), fields.problems()));
            if (exec.map(String::isEmpty).orElse(true)) {
                if (fields.problems().count() == before) {
                    fields.problems().add(command.get().position(), "exec is required (the program to run)");
                }
                continue;
            }
            List<String> args = command.get().value("args").flatMap(value -> Scalars.strings(value, command.get().key("args"), fields.problems()))
                    .orElse(List.of());
            List<String> argv = new ArrayList<>();
            argv.add(exec.get());
            argv.addAll(args);
            boolean background = argv.size() > 1 && argv.get(argv.size() - 1).equals("&");
            if (background) {
                argv.remove(argv.size() - 1);
                fields.problems().warn(command.get().position("args"), "the trailing '&' is read as 'run in the background': hooks run without a shell");
            }
            hooks.add(new HookCommand(argv, asRoot, background));
        }
        return hooks;
    }

    private boolean nonEmpty(List<String> argv, Node entry, String path)
    {
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            fields.problems().add(SafeYaml.position(path, entry), "an empty command");
            return false;
        }
        return true;
    }
}
