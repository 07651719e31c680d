package io.ipfskit.protocol.pubsub.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kubo's shapes: multibase topics, the message object, the multipart data and its bound. */
class CommandsTest {

    private static RpcRequest form(byte[] data) {
        byte[] body = concat(("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII), data,
                "\r\n--b--\r\n".getBytes(StandardCharsets.US_ASCII));
        return new RpcRequest("pubsub/pub", List.of("udA"), Map.of(), new ByteArrayInputStream(body),
                "multipart/form-data; boundary=b");
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void topicsAreMultibaseAsKubosClientsSendThem() throws Exception {
        assertEquals("news", Topics.decode("ubmV3cw"));
        assertEquals("ubmV3cw", Topics.encode("news"));
        assertThrows(RpcException.class, () -> Topics.decode("news"));
    }

    @Test
    void aMessageIsKubosObject() {
        PeerId from = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        Map<String, Object> json = PubsubRpcCommands.json(new PubSubMessage(from, "hi".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, List.of("news"), new byte[64], null));
        assertEquals(List.of("from", "data", "seqno", "topicIDs"), List.copyOf(json.keySet()));
        assertEquals(from.toBase58(), json.get("from"));
        assertEquals("uaGk", json.get("data"));
        assertEquals("uAAAAAAAAAAE", json.get("seqno"));
        assertEquals(List.of("ubmV3cw"), json.get("topicIDs"));
    }

    @Test
    void theDataIsTheFirstFileOfTheForm() throws Exception {
        assertArrayEquals("payload".getBytes(StandardCharsets.UTF_8),
                PubsubRpcCommands.data(form("payload".getBytes(StandardCharsets.UTF_8)), 100));
    }

    @Test
    void dataLargerThanTheBoundIsRefused() {
        assertThrows(RpcException.class, () -> PubsubRpcCommands.data(form(new byte[101]), 100));
        assertThrows(RpcException.class, () -> PubsubRpcCommands.data(form(new byte[20_000]), 100),
                "refused from what was read, never the whole body");
    }

    @Test
    void aBodyThatIsNotAFormIsRefused() {
        RpcRequest plain = new RpcRequest("pubsub/pub", List.of("udA"), Map.of(), new ByteArrayInputStream(new byte[3]),
                "application/octet-stream");
        assertThrows(RpcException.class, () -> PubsubRpcCommands.data(plain, 100));
    }

    /** A subscription with no messages, open until closed. */
    private static final class QuietSubscription implements io.ipfskit.api.pubsub.Subscription {
        private volatile boolean closed;

        @Override
        public String topic() {
            return "t";
        }

        @Override
        public java.util.Optional<PubSubMessage> next(java.time.Duration timeout) throws InterruptedException {
            Thread.sleep(Math.min(timeout.toMillis(), 20));
            return java.util.Optional.empty();
        }

        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aSubStreamEndsWhenItsClientGoesThoughNoMessageCame() throws Exception {
        QuietSubscription quiet = new QuietSubscription();
        java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);
        io.ipfskit.api.pubsub.PubSub pubsub = (io.ipfskit.api.pubsub.PubSub) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.ipfskit.api.pubsub.PubSub.class}, (proxy, method, args) -> {
                    subscribed.countDown();
                    return quiet;
                });
        java.util.concurrent.CompletableFuture<Void> gone = new java.util.concurrent.CompletableFuture<>();
        io.ipfskit.api.admin.RpcResponse response = new io.ipfskit.api.admin.RpcResponse() {
            @Override
            public void json(Object value) {
            }

            @Override
            public JsonStream jsonStream() {
                return value -> { };
            }

            @Override
            public java.io.OutputStream bytes(String contentType) {
                return java.io.OutputStream.nullOutputStream();
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> clientGone() {
                return gone;
            }
        };
        PubsubRpcCommands.Sub sub = new PubsubRpcCommands.Sub(pubsub);
        RpcRequest request = new RpcRequest("pubsub/sub", List.of("udA"), Map.of(), new ByteArrayInputStream(new byte[0]),
                null);
        java.util.concurrent.CompletableFuture<Void> streaming = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                sub.execute(request, response);
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        assertTrue(subscribed.await(10, java.util.concurrent.TimeUnit.SECONDS), "the stream subscribed");
        assertTrue(!streaming.isDone(), "a quiet topic keeps the stream open while the client is there");
        gone.complete(null);
        streaming.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(quiet.closed(), "the subscription is cancelled with the stream");
    }

    @Test
    void atMostFourSubStreamsHoldRpcWorkersAtOnce() throws Exception {
        List<QuietSubscription> open = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.ipfskit.api.pubsub.PubSub pubsub = (io.ipfskit.api.pubsub.PubSub) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {io.ipfskit.api.pubsub.PubSub.class}, (proxy, method, args) -> {
                    QuietSubscription sub = new QuietSubscription();
                    open.add(sub);
                    return sub;
                });
        io.ipfskit.api.admin.RpcResponse response = new io.ipfskit.api.admin.RpcResponse() {
            @Override
            public void json(Object value) {
            }

            @Override
            public JsonStream jsonStream() {
                return value -> { };
            }

            @Override
            public java.io.OutputStream bytes(String contentType) {
                return java.io.OutputStream.nullOutputStream();
            }
        };
        PubsubRpcCommands.Sub sub = new PubsubRpcCommands.Sub(pubsub);
        RpcRequest request = new RpcRequest("pubsub/sub", List.of("udA"), Map.of(), new ByteArrayInputStream(new byte[0]),
                null);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < PubsubRpcCommands.Sub.MAX_STREAMS; i++) {
                threads.submit(() -> {
                    sub.execute(request, response);
                    return null;
                });
            }
            io.ipfskit.testkit.Await.until("four streams open", java.time.Duration.ofSeconds(10), () -> open.size() == 4);
            RpcException refused = assertThrows(RpcException.class, () -> sub.execute(request, response));
            assertEquals("too many pubsub/sub streams open (at most 4)", refused.getMessage());
            open.get(0).close();
            io.ipfskit.testkit.Await.until("a slot to free", java.time.Duration.ofSeconds(10), () -> {
                try {
                    threads.submit(() -> {
                        sub.execute(request, response);
                        return null;
                    }).get(50, java.util.concurrent.TimeUnit.MILLISECONDS);
                    return false;
                } catch (java.util.concurrent.TimeoutException stillStreaming) {
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            open.forEach(QuietSubscription::close);
            threads.shutdown();
            assertTrue(threads.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS));
        }
    }
}
