package io.ipfskit.protocol.pubsub.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.pubsub.PubSub;
import io.ipfskit.api.pubsub.PubSubMessage;
import io.ipfskit.api.pubsub.Subscription;
import io.ipfskit.http.support.Multipart;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.pubsub.router.GossipParams;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * kubo's pubsub RPC commands: topics as multibase arguments ({@code u<base64url>}), {@code pubsub/pub} with the data as
 * a multipart file, {@code pubsub/sub} streaming {@code {"from","data","seqno","topicIDs"}} per message (bytes as
 * base64url multibase), {@code pubsub/ls} and {@code pubsub/peers} as {@code {"Strings":[...]}}.
 */
public final class PubsubRpcCommands {

    private PubsubRpcCommands() {
    }

    /** {@code pubsub/pub?arg=TOPIC} with the data as a multipart file (at most the router's message bound). */
    @Component(property = RpcCommand.NAME + "=pubsub/pub")
    public static final class Pub implements RpcCommand {
        private final PubSub pubsub;

        /** Publishes through the node's router. */
        @Activate
        public Pub(@Reference PubSub pubsub) {
            this.pubsub = pubsub;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            String topic = Topics.decode(request.argument(0, "topic"));
            byte[] data = data(request, GossipParams.DEFAULTS.maxMessageSize() - 1024);
            try {
                pubsub.publish(topic, data).toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while publishing");
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                throw new RpcException(RpcException.Kind.NORMAL, String.valueOf(cause.getMessage()));
            }
        }
    }

    /**
     * {@code pubsub/sub?arg=TOPIC}: every message of the topic, as it arrives, until the client goes (noticed within a
     * second, message or not). Each stream holds one of the RPC server's workers, so at most {@link #MAX_STREAMS} are
     * open at once (the API keeps workers for everything else).
     */
    @Component(property = RpcCommand.NAME + "=pubsub/sub")
    public static final class Sub implements RpcCommand {
        /** {@code pubsub/sub} streams open at most. */
        static final int MAX_STREAMS = 4;

        private final PubSub pubsub;
        private final Semaphore streams = new Semaphore(MAX_STREAMS);

        /** Subscribes through the node's router. */
        @Activate
        public Sub(@Reference PubSub pubsub) {
            this.pubsub = pubsub;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            String topic = Topics.decode(request.argument(0, "topic"));
            if (!streams.tryAcquire()) {
                throw new RpcException(RpcException.Kind.NORMAL, "too many pubsub/sub streams open (at most "
                        + MAX_STREAMS + ")");
            }
            try {
                stream(topic, response, response.clientGone().toCompletableFuture());
            } finally {
                streams.release();
            }
        }

        private void stream(String topic, RpcResponse response, java.util.concurrent.CompletableFuture<Void> gone)
                throws IOException {
            try (Subscription subscription = pubsub.subscribe(topic)) {
                RpcResponse.JsonStream out = response.jsonStream();
                while (!subscription.closed() && !gone.isDone()) {
                    Optional<PubSubMessage> message = subscription.next(Duration.ofSeconds(1));
                    if (message.isPresent()) {
                        out.send(json(message.get()));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while subscribed");
            }
        }
    }

    /** The data of {@code pubsub/pub}: the form's first file, at most {@code maxBytes}; a client error otherwise. */
    static byte[] data(RpcRequest request, int maxBytes) throws RpcException {
        try {
            return Multipart.firstFile(request.body(), request.contentType(), maxBytes);
        } catch (Multipart.TooLarge e) {
            throw RpcException.client("the data is larger than " + maxBytes + " bytes");
        } catch (IOException e) {
            throw RpcException.client("argument \"data\" is required (a multipart file)");
        }
    }

    /** kubo's message object. */
    static Map<String, Object> json(PubSubMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", message.from().toBase58());
        json.put("data", Topics.encode(message.data()));
        json.put("seqno", Topics.encode(message.seqno() == null ? new byte[0] : message.seqno()));
        json.put("topicIDs", message.topics().stream().map(Topics::encode).toList());
        return json;
    }

    /** {@code pubsub/ls}: the topics we are subscribed to. */
    @Component(property = RpcCommand.NAME + "=pubsub/ls")
    public static final class Ls implements RpcCommand {
        private final PubSub pubsub;

        /** Lists the node's topics. */
        @Activate
        public Ls(@Reference PubSub pubsub) {
            this.pubsub = pubsub;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            response.json(Map.of("Strings", pubsub.topics().stream().sorted().map(Topics::encode).toList()));
        }
    }

    /** {@code pubsub/peers[?arg=TOPIC]}: the pubsub peers (of the topic). */
    @Component(property = RpcCommand.NAME + "=pubsub/peers")
    public static final class Peers implements RpcCommand {
        private final PubSub pubsub;

        /** Lists the node's pubsub peers. */
        @Activate
        public Peers(@Reference PubSub pubsub) {
            this.pubsub = pubsub;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            String topic = request.arguments().isEmpty() ? null : Topics.decode(request.arguments().get(0));
            List<String> peers = pubsub.peers(topic).stream().map(PeerId::toBase58).sorted().toList();
            response.json(Map.of("Strings", peers));
        }
    }
}
