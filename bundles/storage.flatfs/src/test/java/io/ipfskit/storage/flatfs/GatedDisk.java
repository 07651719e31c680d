package io.ipfskit.storage.flatfs;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A {@link Disk} in front of another whose first sync of a chosen directory (once armed) waits, outside the disk,
 * until {@link #open()} (bounded: 30 s), so a test can hold one put just before it is acknowledged while others run.
 */
final class GatedDisk {

    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch held = new CountDownLatch(1);
    private volatile Predicate<Path> armed = directory -> false;

    /** The disk: every call goes to {@code behind}, the first chosen directory sync after the gate opens. */
    Disk over(Disk behind) {
        return (Disk) Proxy.newProxyInstance(Disk.class.getClassLoader(), new Class<?>[] {Disk.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("syncDirectory") && armed.test((Path) args[0])
                            && held.getCount() > 0) {
                        held.countDown();
                        if (!gate.await(30, TimeUnit.SECONDS)) {
                            throw new IOException("the test never opened the gate");
                        }
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

    /** Waits (bounded) until the chosen directory sync is held at the gate. */
    void awaitHeld() throws InterruptedException {
        if (!held.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no directory sync reached the gate");
        }
    }

    /** Lets the held sync, and every one after it, through. */
    void open() {
        gate.countDown();
    }
}
