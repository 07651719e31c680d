package io.ipfskit.routing.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.routing.manager.ContentRoutingManager;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The routing operations shared by the RPC and Gogo commands, with kubo's checks, errors and reply shapes. */
final class Routing {

    /** kubo's routing.QueryEvent type of a provider found. */
    static final int PROVIDER = 4;
    /** Providers a search reports unless told otherwise (kubo's default). */
    static final int DEFAULT_PROVIDERS = 20;
    /** kubo's answer when a command needs the network and the node runs offline. */
    static final String NOT_ONLINE = "this command must be run in online mode. Try running 'ipfs-kit daemon' first";

    private static final long PROVIDE_TIMEOUT_SECONDS = 60;

    private Routing() {
    }

    /** A CID argument (a bare CID or /ipfs/CID), or a client error. */
    static Cid cid(String argument) throws RpcException {
        String bare = argument.startsWith("/ipfs/") ? argument.substring("/ipfs/".length()) : argument;
        try {
            return Cid.parse(bare);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid CID \"" + argument + "\": " + e.getMessage());
        }
    }

    /** Fails as kubo does when the node runs offline. */
    static void requireOnline(ContentRoutingManager routing) throws RpcException {
        if (routing.offline()) {
            throw new RpcException(RpcException.Kind.NORMAL, NOT_ONLINE);
        }
    }

    /**
     * kubo's routing.QueryEvent for a provider, fields in Go's order:
     * {@code {"ID":"","Type":4,"Responses":[{"ID":...,"Addrs":[...]}],"Extra":""}}.
     */
    static Map<String, Object> providerEvent(PeerInfo provider) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("ID", provider.peerId().toBase58());
        info.put("Addrs", provider.addresses().stream().map(Multiaddr::toString).toList());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("ID", "");
        event.put("Type", PROVIDER);
        event.put("Responses", List.of(info));
        event.put("Extra", "");
        return event;
    }

    /** What a command does with each provider found; may fail when its client went away. */
    interface ProviderAction {
        void accept(PeerInfo provider) throws IOException;
    }

    /**
     * Searches (the node must be online) and hands each provider to the action on the calling thread as it is found,
     * until the search ends (the manager bounds its time); an action that fails cancels the search.
     */
    static void findProviders(ContentRoutingManager routing, Cid cid, int limit, ProviderAction action)
            throws IOException, RpcException {
        requireOnline(routing);
        // At most limit providers, then the end: the search reports no more than it was asked for.
        BlockingQueue<Optional<PeerInfo>> found = new LinkedBlockingQueue<>();
        CompletableFuture<Void> search = routing.findProviders(cid, limit, p -> found.add(Optional.of(p)))
                .toCompletableFuture();
        search.whenComplete((ok, failed) -> found.add(Optional.empty()));
        try {
            for (Optional<PeerInfo> next = found.take(); next.isPresent(); next = found.take()) {
                action.accept(next.get());
            }
        } catch (InterruptedException e) {
            search.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finding providers of " + cid);
        } catch (IOException | RuntimeException e) {
            search.cancel(true);
            throw e;
        }
    }

    /**
     * Announces each CID through every router, as kubo's routing/provide: online, connected to a peer, every block
     * held locally; waits for each announcement.
     */
    static void provide(ContentRoutingManager routing, Blockstore store, Host host, List<Cid> cids)
            throws RpcException, IOException {
        requireOnline(routing);
        if (host.connections().isEmpty()) {
            throw new RpcException(RpcException.Kind.NORMAL, "cannot provide, no connected peers");
        }
        for (Cid cid : cids) {
            if (!store.has(cid)) {
                throw new RpcException(RpcException.Kind.NORMAL, "block " + cid + " not found locally, cannot provide");
            }
        }
        for (Cid cid : cids) {
            try {
                routing.provide(cid).toCompletableFuture().get(PROVIDE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new RpcException(RpcException.Kind.NORMAL, "error providing cid: " + e.getCause().getMessage());
            } catch (TimeoutException e) {
                throw new RpcException(RpcException.Kind.NORMAL,
                        "error providing cid: not announced within " + PROVIDE_TIMEOUT_SECONDS + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while providing " + cid);
            }
        }
    }

    /** Runs a reprovide (the node must be online) and waits for it to end. */
    static void reprovide(ContentRoutingManager routing) throws RpcException, IOException {
        requireOnline(routing);
        try {
            routing.reprovideNow().get();
        } catch (ExecutionException e) {
            throw new RpcException(RpcException.Kind.NORMAL, "reprovide failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reproviding");
        }
    }
}
