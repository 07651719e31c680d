package io.ipfskit.benchmarks.bitswap;

import io.ipfskit.itests.support.Rpc;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The latency of one 1 KiB block through RPC {@code block/get} on the fetcher: first from the network (the provider
 * holds it: want, Bitswap round trip, verify, store, answer), then again once local (the RPC round trip alone).
 */
final class BlockLatency {

    private static final int BLOCK = 1024;

    private BlockLatency() {
    }

    /**
     * Puts {@code warmUp + count} random blocks (from {@code seed}) on the provider and times their first and second
     * get on the fetcher.
     */
    static Result measure(OurNode provider, OurNode fetcher, long seed, int warmUp, int count) throws Exception {
        Random random = new Random(seed);
        List<String> cids = new ArrayList<>();
        for (int i = 0; i < warmUp + count; i++) {
            byte[] block = new byte[BLOCK];
            random.nextBytes(block);
            cids.add(put(provider.rpc, block));
        }
        long[] remote = time(fetcher.rpc, cids, warmUp);
        long[] local = time(fetcher.rpc, cids, warmUp);
        return new Result(remote, local);
    }

    private static String put(Rpc rpc, byte[] block) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"block\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(block);
        body.writeBytes(("\r\n--" + Rpc.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = rpc.send(OurNode.request(rpc, "block/put")
                .header("Content-Type", "multipart/form-data; boundary=" + Rpc.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("block/put answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().replaceAll("(?s).*\"Key\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    /** Nanoseconds of each get after the warm-up ones, sorted. */
    private static long[] time(Rpc rpc, List<String> cids, int warmUp) throws Exception {
        long[] nanos = new long[cids.size() - warmUp];
        for (int i = 0; i < cids.size(); i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = rpc.send(OurNode.request(rpc, "block/get?arg=" + cids.get(i))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (response.statusCode() != 200 || response.body().length != BLOCK) {
                throw new IllegalStateException("block/get of " + cids.get(i) + " answered " + response.statusCode());
            }
            if (i >= warmUp) {
                nanos[i - warmUp] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos;
    }

    /** Sorted latencies, from the network and local. */
    record Result(long[] remote, long[] local) {
        static double millis(long[] sorted, double quantile) {
            return sorted[(int) Math.min(sorted.length - 1, Math.floor(sorted.length * quantile))] / 1e6;
        }
    }
}
