package io.libvfio.runtime.host;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Ends this JVM through libc {@code _exit} once a detached program (QEMU) has been started.
 * A JVM that exits the ordinary way first waits up to 300 ms for every thread that is in native
 * code, and the JDK's process reaper stays in {@code waitpid} for as long as the detached child
 * lives: every {@code libvfio start} would pay those 300 ms after its work is done. {@link #arm()}
 * loads libc through JNA on a daemon thread while the caller waits for the child anyway, so
 * {@link #exitIfArmed(int)} costs nothing. Shutdown hooks do not run: libvfio registers none,
 * and the caller flushes its output first.
 */
public final class NativeExit
{
    interface CLibrary
            extends Library
    {
        void _exit(int status);

        int getpid();
    }

    private static final Object LOCK = new Object();
    private static Thread loader;
    private static volatile CLibrary libc;

    private NativeExit()
    {
    }

    /** Starts loading libc on a daemon thread, once; from then on {@link #exitIfArmed(int)} ends the JVM at once. */
    public static void arm()
    {
        synchronized (LOCK) {
            if (loader == null) {
                loader = new Thread(new Loader(), "libvfio-native-exit");
                loader.setDaemon(true);
                loader.start();
            }
        }
    }

    /**
     * When {@link #arm()} was called and libc could be loaded: ends the JVM with {@code status}
     * through {@code _exit}, without returning. Otherwise returns, for an ordinary exit.
     */
    public static void exitIfArmed(int status)
    {
        Thread thread;
        synchronized (LOCK) {
            thread = loader;
        }
        if (thread == null) {
            return;
        }
        try {
            thread.join(5_000);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        CLibrary loaded = libc;
        if (loaded != null) {
            loaded._exit(status);
        }
    }

    // A class rather than a method reference: linking one costs start-up time.
    private static final class Loader
            implements Runnable
    {
        @Override
        public void run()
        {
            try {
                CLibrary loaded = Native.load("c", CLibrary.class);
                // one call links JNA's invocation path, so that the exit's own call is quick
                loaded.getpid();
                libc = loaded;
            }
            catch (UnsatisfiedLinkError | RuntimeException e) {
                // no JNA on this machine: the JVM exits the ordinary way
            }
        }
    }
}
