package io.libvfio.runtime.vm.config;

import static java.util.Objects.requireNonNull;

/** A setting that loads but that libvfio ignores or reads differently from LibVF.IO, with where it was written. */
public record ConfigWarning(SourcePosition position, String message)
{
    public ConfigWarning
    {
        requireNonNull(position, "position is null");
        requireNonNull(message, "message is null");
    }

    public String render(String file)
    {
        return position.message(file, message);
    }
}
