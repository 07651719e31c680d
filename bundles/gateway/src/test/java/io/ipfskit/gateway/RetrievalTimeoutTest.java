package io.ipfskit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.multiformats.Cid;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A block that never arrives: the watchdog ends the request's session after the retrieval timeout and the reply is a
 * 504 with Retry-After (without the watchdog the request would wait for ever); only-if-cached never asks the network.
 */
class RetrievalTimeoutTest {

    private static final String ABSENT = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    /** A block service whose sessions wait for a block until closed, and say "not found" when offline. */
    private static final class SilentNetwork implements BlockService {
        volatile FetchOptions lastOptions;

        @Override
        public BlockSession session(FetchOptions options) {
            lastOptions = options;
            CountDownLatch closed = new CountDownLatch(1);
            return new BlockSession() {
                @Override
                public byte[] get(Cid cid) throws IOException {
                    if (options.offline()) {
                        throw new NoSuchFileException(cid.toString());
                    }
                    try {
                        closed.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("cannot retrieve " + cid + ": the request's block session is closed");
                }

                @Override
                public void prefetch(List<Cid> cids) {
                }

                @Override
                public long bytesFetched() {
                    return 0;
                }

                @Override
                public void close() {
                    closed.countDown();
                }
            };
        }
    }

    @Test
    void aBlockThatNeverArrivesIsA504() throws Exception {
        Fixture f = new Fixture();
        SilentNetwork network = new SilentNetwork();
        try (Retrievals retrievals = new Retrievals(f.store, () -> network, Duration.ofMillis(300))) {
            Reply reply = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> serve(f, retrievals, "/ipfs/" + ABSENT));
            assertEquals(504, reply.status());
            assertEquals(Gateway.RETRY_AFTER, reply.headers().get("Retry-After"));
            assertEquals(false, network.lastOptions.offline());
        }
    }

    @Test
    void onlyIfCachedAsksForLocalBlocksAndAnswers412() throws Exception {
        Fixture f = new Fixture();
        SilentNetwork network = new SilentNetwork();
        try (Retrievals retrievals = new Retrievals(f.store, () -> network, Duration.ofSeconds(30))) {
            DefaultHttpHeaders headers = new DefaultHttpHeaders();
            headers.add("Cache-Control", "only-if-cached");
            GatewayRequest request = GatewayRequest.parse(HttpMethod.GET, "/ipfs/" + ABSENT, headers);
            Retrieval retrieval = retrievals.open(request.onlyIfCached());
            Reply reply = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> f.gateway.serve(request, retrieval));
            retrievals.release(retrieval);
            assertEquals(412, reply.status());
            assertEquals(true, network.lastOptions.offline());
        }
    }

    private static Reply serve(Fixture f, Retrievals retrievals, String uri) throws GatewayException {
        GatewayRequest request = GatewayRequest.parse(HttpMethod.GET, uri, new DefaultHttpHeaders());
        Retrieval retrieval = retrievals.open(false);
        try {
            return f.gateway.serve(request, retrieval);
        } finally {
            retrievals.release(retrieval);
            assertEquals(0, retrievals.openCount());
        }
    }
}
