package io.libvfio.runtime.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

final class HostLockTest
{
    @TempDir
    Path run;

    @Test
    void theLockIsAFileInTheRunDirectoryAndReentrantForItsThread()
    {
        HostLock lock = HostLock.of(new RuntimeDirectories(run.resolve("run"), run.resolve("data")));
        try (HostLock.Held outer = lock.acquire(); HostLock.Held inner = new HostLock(run.resolve("run/host.lock")).acquire()) {
            assertThat(lock.isHeldByCurrentThread()).isTrue();
            assertThat(Files.isRegularFile(run.resolve("run/host.lock"))).isTrue();
        }
        assertThat(lock.isHeldByCurrentThread()).isFalse();
    }

    @Test
    void whileHeldTheOsLockIsTakenAndAnotherThreadWaits()
            throws Exception
    {
        HostLock lock = new HostLock(run.resolve("host.lock"));
        AtomicBoolean otherGotIt = new AtomicBoolean();
        Thread other;
        try (HostLock.Held held = lock.acquire()) {
            // The OS lock is held: a second channel of this process cannot take it (an overlapping
            // lock is refused at once), as a second process would have to wait.
            try (FileChannel channel = FileChannel.open(run.resolve("host.lock"), StandardOpenOption.WRITE)) {
                assertThat(lockState(channel)).isEqualTo("held elsewhere");
            }
            other = new Thread(() -> {
                try (HostLock.Held again = lock.acquire()) {
                    otherGotIt.set(true);
                }
            });
            other.start();
            assertThat(otherGotIt).as("another thread cannot have the lock while this one holds it").isFalse();
        }
        other.join();
        assertThat(otherGotIt).isTrue();
        try (FileChannel channel = FileChannel.open(run.resolve("host.lock"), StandardOpenOption.WRITE)) {
            assertThat(lockState(channel)).isEqualTo("free");
        }
    }

    private static String lockState(FileChannel channel)
            throws java.io.IOException
    {
        try {
            FileLock taken = channel.tryLock();
            if (taken == null) {
                return "held elsewhere";
            }
            taken.release();
            return "free";
        }
        catch (java.nio.channels.OverlappingFileLockException e) {
            return "held elsewhere";
        }
    }
}
