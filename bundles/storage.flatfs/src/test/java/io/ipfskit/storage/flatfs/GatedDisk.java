package io.ipfskit.storage.flatfs;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link Disk} in front of another whose first sync of a chosen directory (once armed) waits, outside the disk,
 * until {@link #open()} (bounded: 30 s), so a test can hold a round of {@link DirectorySyncs} while other puts queue
 * behind it; it records the directory syncs in the order they reach the disk and can fail the sync of one directory
 * once.
 */
final class GatedDisk {

    final List<Path> directorySyncs = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile Path failOnce;
    private volatile Predicate<Path> armed = directory -> false;

    /** The disk: every call goes to {@code behind}, the first chosen directory sync after the gate opens. */
    Disk over(Disk behind) {
        return (Disk) Proxy.newProxyInstance(Disk.class.getClassLoader(), new Class<?>[] {Disk.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("syncDirectory")) {
                        Path directory = (Path) args[0];
                        if (armed.test(directory) && held.getCount() > 0) {
                            held.countDown();
                            if (!gate.await(30, TimeUnit.SECONDS)) {
                                throw new IOException("the test never opened the gate");
                            }
                        }
                        if (directory.equals(failOnce)) {
                            failOnce = null;
                            throw new IOException("simulated I/O error syncing " + directory);
                        }
                        directorySyncs.add(directory);
                    }
                    try {
                        return method.invoke(behind, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** From now on the first sync of a directory the filter takes waits for {@link #open()}. */
    void arm(Predicate<Path> filter) {
        armed = filter;
    }

    /** Waits (bounded) until the first directory sync is held at the gate. */
    void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no directory sync reached the gate");
        }
    }

    /** Lets the held sync, and every one after it, through. */
    void open() {
        gate.countDown();
    }

    /** The next sync of this directory fails with an I/O error. */
    void failOnce(Path directory) {
        failOnce = directory;
    }
}
