package io.libvfio.runtime.vm.config;

import java.util.ArrayList;
import java.util.List;

/** The problems and warnings found while reading one file; reading goes on after a problem so that all are reported. */
final class Problems
{
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<ConfigWarning> warnings = new ArrayList<>();

    void add(SourcePosition position, String message)
    {
        problems.add(new ConfigProblem(position, message));
    }

    void warn(SourcePosition position, String message)
    {
        warnings.add(new ConfigWarning(position, message));
    }

    int count()
    {
        return problems.size();
    }

    boolean isEmpty()
    {
        return problems.isEmpty();
    }

    List<ConfigProblem> problems()
    {
        return List.copyOf(problems);
    }

    List<ConfigWarning> warnings()
    {
        return List.copyOf(warnings);
    }
}
