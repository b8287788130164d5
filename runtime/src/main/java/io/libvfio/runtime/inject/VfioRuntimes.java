package io.libvfio.runtime.inject;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import com.google.inject.util.Modules;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;

import java.util.Collection;

/**
 * Creates the one injector of a process and hands out its {@link VfioRuntime}. A
 * {@link VfioException} thrown while the graph is built reaches the caller unwrapped.
 */
public final class VfioRuntimes
{
    private VfioRuntimes()
    {
    }

    public static VfioRuntime create(RuntimeOptions options)
    {
        return build(new RuntimeModule(options));
    }

    /** For tests and embedders: the same graph with some bindings replaced. */
    public static VfioRuntime create(RuntimeOptions options, Module overrides)
    {
        return build(Modules.override(new RuntimeModule(options)).with(overrides));
    }

    private static VfioRuntime build(Module module)
    {
        try {
            return Guice.createInjector(Stage.DEVELOPMENT, module).getInstance(VfioRuntime.class);
        }
        catch (ProvisionException e) {
            throw unwrap(e.getErrorMessages(), e);
        }
        catch (CreationException e) {
            throw unwrap(e.getErrorMessages(), e);
        }
    }

    private static RuntimeException unwrap(Collection<Message> messages, RuntimeException error)
    {
        for (Message message : messages) {
            Throwable cause = message.getCause();
            while (cause != null) {
                if (cause instanceof VfioException vfio) {
                    return vfio;
                }
                cause = cause.getCause();
            }
        }
        return error;
    }
}
