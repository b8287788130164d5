package io.libvfio.api.spi;

import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;

import java.time.Duration;

/**
 * Waits between the attempts of a bounded retry (NVIDIA's {@code current_vgpu_type} going back
 * to 0, a device node appearing). Comes from the {@link BackendContext} so that tests pass one
 * that only advances their clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper
{
    /** Sleeps the calling thread. */
    Sleeper SYSTEM = new Sleeper()
    {
        @Override
        public void sleep(Duration duration)
        {
            try {
                Thread.sleep(duration.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VfioException(StandardErrorCode.TIMEOUT, "interrupted while waiting " + duration.toMillis() + " ms", e);
            }
        }
    };

    void sleep(Duration duration);
}
