package io.libvfio.runtime.vm.config;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of reading one VM file: the configuration when there is no problem, every problem
 * found (in file order), and the warnings.
 *
 * @param file the file as it was named (messages use this form)
 */
public record ConfigCheck(String file, Optional<VmConfig> config, List<ConfigProblem> problems, List<ConfigWarning> warnings)
{
    public ConfigCheck
    {
        requireNonNull(file, "file is null");
        requireNonNull(config, "config is null");
        problems = List.copyOf(requireNonNull(problems, "problems is null"));
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        if (config.isPresent() != problems.isEmpty()) {
            throw new IllegalArgumentException("a check has a config exactly when it has no problems");
        }
    }

    public boolean ok()
    {
        return problems.isEmpty();
    }
}
