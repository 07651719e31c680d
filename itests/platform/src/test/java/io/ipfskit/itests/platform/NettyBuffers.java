package io.ipfskit.itests.platform;

import io.netty.buffer.AbstractByteBuf;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.PlatformDependent;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty buffers of the framework's Netty (the probe imports it): every buffer allocated from now on is tracked
 * (paranoid leak detection), and each one garbage collected without being released is counted with where it was last
 * touched; also the direct memory Netty holds, for reports.
 */
final class NettyBuffers {

    /** Where the deliberate leak was allocated, as Netty's leak records name it. */
    private static final String DELIBERATE = NettyBuffers.class.getName() + ".leakOne";
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean listening;

    private NettyBuffers() {
    }

    /** Tracks every buffer from now on and listens for leaks (once per framework). */
    static synchronized void track() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        if (listening) {
            return;
        }
        try {
            Field field = AbstractByteBuf.class.getDeclaredField("leakDetector");
            field.setAccessible(true);
            ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) field.get(null);
            detector.setLeakListener((type, records) -> LEAKS.add(type + " " + records));
            listening = true;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot listen to Netty's buffer leak detector: " + e, e);
        }
    }

    /** The leaks reported so far (but the deliberate one), once the collector ran and Netty looked at what it found. */
    static List<String> leaks() {
        collect();
        return LEAKS.stream().filter(leak -> !leak.contains(DELIBERATE)).toList();
    }

    /** Drops a tracked buffer without releasing it, to show that leaks are seen ({@link #deliberateLeakSeen}). */
    static void leakOne() {
        ByteBufAllocator.DEFAULT.directBuffer(16).writeInt(42);
    }

    /** Whether the buffer of {@link #leakOne} was reported. */
    static boolean deliberateLeakSeen() {
        collect();
        return LEAKS.stream().anyMatch(leak -> leak.contains(DELIBERATE));
    }

    /** Collects garbage, then allocates: Netty reports what the collector found when it next tracks a buffer. */
    private static void collect() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            for (int i = 0; i < 8; i++) {
                ByteBuf probe = ByteBufAllocator.DEFAULT.directBuffer(16);
                probe.release();
            }
        }
    }

    /** Direct memory Netty counts as used (-1 when it does not count), and the pooled allocator's. */
    static String directMemory() {
        return PlatformDependent.usedDirectMemory() + " B direct, "
                + PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() + " B pooled";
    }
}
