package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.QueryEventType;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.http.support.Multipart;
import io.ipfskit.multiformats.PeerId;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The DHT's RPC commands as kubo serves them: {@code routing/findpeer}, {@code routing/get}, {@code routing/put} and
 * {@code dht/query} stream kubo's query events as the query runs (its result last; a failure ends the stream with a
 * QueryError event about no peer, then the error), {@code stats/dht} one routing table report per DHT. Each takes kubo's
 * {@code timeout}.
 */
public final class DhtRpcCommands {

    /** The largest value {@code routing/put} takes (the record store's bound, the same for every role). */
    static final int MAX_VALUE_BYTES = StoreLimits.of(NodeRole.WORKER).maxValueBytes();

    private DhtRpcCommands() {
    }

    /** {@code routing/findpeer?arg=PEER}: the lookup's events, then {@code {"Type":2,"Responses":[{ID, Addrs}]}}. */
    @Component(property = RpcCommand.NAME + "=routing/findpeer")
    public static final class FindPeer implements RpcCommand {
        private final NodeDhts dhts;

        /** Looks up through the node's DHTs. */
        @Activate
        public FindPeer(@Reference NodeDhts dhts) {
            this.dhts = dhts;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            PeerId peer = DhtKeys.peer(request.argument(0, "peerID"));
            Duration timeout = request.duration("timeout", Duration.ZERO);
            dhts.requireOnline();
            if (peer.equals(dhts.host().peerId())) {
                throw RpcException.client("cannot look up the node's own peer ID");
            }
            // The lookup's own FinalPeer events name who told us; kubo reports the result once, at the end.
            EventPump pump = new EventPump(e -> e.type() == QueryEventType.FINAL_PEER ? Optional.empty()
                    : Optional.of(QueryEvents.json(e)));
            RpcResponse.JsonStream out = response.jsonStream();
            Optional<PeerInfo> found = run(pump, dhts.findPeer(peer, pump), out, timeout);
            if (found.isEmpty()) {
                throw fail(out, "routing: not found");
            }
            out.send(QueryEvents.json(QueryEventType.FINAL_PEER, null, List.of(found.get()), ""));
        }
    }

    /** {@code routing/get?arg=/pk/PEER|/ipns/PEER}: the lookup's events, then {@code {"Type":5,"Extra":base64(value)}}. */
    @Component(property = RpcCommand.NAME + "=routing/get")
    public static final class Get implements RpcCommand {
        private final NodeDhts dhts;

        /** Gets values through the node's DHTs. */
        @Activate
        public Get(@Reference NodeDhts dhts) {
            this.dhts = dhts;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            byte[] key = DhtKeys.valueKey(request.argument(0, "key"));
            Duration timeout = request.duration("timeout", Duration.ZERO);
            dhts.requireOnline();
            EventPump pump = new EventPump();
            RpcResponse.JsonStream out = response.jsonStream();
            byte[] value = run(pump, dhts.getValue(key, pump), out, timeout);
            out.send(QueryEvents.json(QueryEventType.VALUE, null, List.of(), Base64.getEncoder().encodeToString(value)));
        }
    }

    /** The value of {@code routing/put}: the form's first file, at most {@code maxBytes}; a client error otherwise. */
    static byte[] valueFile(RpcRequest request, int maxBytes) throws RpcException {
        try {
            return Multipart.firstFile(request.body(), request.contentType(), maxBytes);
        } catch (Multipart.TooLarge e) {
            throw RpcException.client("the value is larger than " + maxBytes + " bytes");
        } catch (IOException e) {
            throw RpcException.client("argument \"value-file\" is required (a multipart file)");
        }
    }

    /**
     * {@code routing/put?arg=KEY} with the value as a multipart file: validated and stored locally first (an invalid or
     * older value is a client error), then on the closest peers, each reported as a Value event (as go).
     */
    @Component(property = RpcCommand.NAME + "=routing/put")
    public static final class Put implements RpcCommand {
        private final NodeDhts dhts;

        /** Puts values through the node's active DHT. */
        @Activate
        public Put(@Reference NodeDhts dhts) {
            this.dhts = dhts;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            byte[] key = DhtKeys.valueKey(request.argument(0, "key"));
            Duration timeout = request.duration("timeout", Duration.ZERO);
            byte[] value = valueFile(request, MAX_VALUE_BYTES);
            dhts.requireOnline();
            EventPump pump = new EventPump(e -> Optional.of(e.type() == QueryEventType.FINAL_PEER
                    ? QueryEvents.json(QueryEventType.VALUE, e.peer(), List.of(), "") : QueryEvents.json(e)));
            CompletableFuture<Void> put = dhts.active().putValue(key, value, pump).toCompletableFuture();
            if (put.isCompletedExceptionally() && cause(put) instanceof IllegalArgumentException invalid) {
                throw RpcException.client("invalid value: " + invalid.getMessage());
            }
            run(pump, put, response.jsonStream(), timeout);
        }
    }

    /** {@code dht/query?arg=PEER}: the walk's events, then a FinalPeer event per closest peer, closest first. */
    @Component(property = RpcCommand.NAME + "=dht/query")
    public static final class Query implements RpcCommand {
        private final NodeDhts dhts;

        /** Walks the node's active DHT. */
        @Activate
        public Query(@Reference NodeDhts dhts) {
            this.dhts = dhts;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            PeerId peer = DhtKeys.peer(request.argument(0, "peerID"));
            Duration timeout = request.duration("timeout", Duration.ZERO);
            dhts.requireOnline();
            EventPump pump = new EventPump();
            run(pump, dhts.active().closestPeers(peer.bytes(), pump).toCompletableFuture(), response.jsonStream(),
                    timeout);
        }
    }

    /** {@code stats/dht[?arg=wan|lan]}: one routing table report per DHT asked for (both by default), as kubo. */
    @Component(property = RpcCommand.NAME + "=stats/dht")
    public static final class Stats implements RpcCommand {
        private final NodeDhts dhts;

        /** Reports the node's DHTs. */
        @Activate
        public Stats(@Reference NodeDhts dhts) {
            this.dhts = dhts;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            List<String> names = request.arguments().isEmpty() ? dhts.names() : request.arguments();
            for (String name : names) {
                dhts.named(name);
            }
            dhts.requireOnline();
            RpcResponse.JsonStream out = response.jsonStream();
            for (String name : names) {
                out.send(TableReport.of(name, dhts.named(name).routingTable(), dhts.host()));
            }
        }
    }

    /** Runs the query, relaying its events; its failure ends the stream with a QueryError event and the error. */
    private static <T> T run(EventPump pump, CompletableFuture<T> query, RpcResponse.JsonStream out, Duration timeout)
            throws RpcException, IOException {
        try {
            return pump.run(query, out, timeout);
        } catch (TimeoutException e) {
            throw fail(out, "context deadline exceeded");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw fail(out, cause instanceof NoSuchElementException ? "routing: not found"
                    : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName());
        }
    }

    /** Sends kubo's QueryError event about no peer and returns the error that ends the reply. */
    private static RpcException fail(RpcResponse.JsonStream out, String message) throws IOException {
        out.send(QueryEvents.json(QueryEventType.QUERY_ERROR, null, List.of(), message));
        return new RpcException(RpcException.Kind.NORMAL, message);
    }

    private static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }
}
