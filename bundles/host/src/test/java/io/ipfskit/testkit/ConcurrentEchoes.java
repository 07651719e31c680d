package io.ipfskit.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs many small echoes at once, each on a stream of its own, and checks every one came back intact. */
public final class ConcurrentEchoes {

    /** One echo round trip: the bytes sent come back (or the call throws). */
    public interface Echo {
        byte[] echo(byte[] payload) throws Exception;
    }

    private ConcurrentEchoes() {
    }

    /** Echoes {@code count} distinct payloads at once and asserts each answer, waiting at most 20 s for each. */
    public static void run(Echo echo, int count) throws Exception {
        List<CompletableFuture<byte[]>> many = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] small = ("stream " + i).getBytes();
            many.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return echo.echo(small);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (int i = 0; i < count; i++) {
            assertEquals("stream " + i, new String(many.get(i).get(20, TimeUnit.SECONDS)));
        }
    }
}
