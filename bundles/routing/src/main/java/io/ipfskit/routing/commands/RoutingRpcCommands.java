package io.ipfskit.routing.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.blocks.NetworkBlockService;
import io.ipfskit.routing.dag.DagBlocks;
import io.ipfskit.routing.manager.ContentRoutingManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The RPC routing commands, one service each, answering in kubo's shapes (routing/stats is ours). */
public final class RoutingRpcCommands {

    private RoutingRpcCommands() {
    }

    /** {@code routing/findprovs?arg=CID&num-providers=N}: kubo's query events, one per provider, as they are found. */
    @Component(property = RpcCommand.NAME + "=routing/findprovs")
    public static final class FindProvs implements RpcCommand {
        private final ContentRoutingManager routing;

        /** Searches through the routing manager. */
        @Activate
        public FindProvs(@Reference ContentRoutingManager routing) {
            this.routing = routing;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            Cid cid = Routing.cid(request.argument(0, "key"));
            String option = request.option("num-providers").isPresent() ? "num-providers" : "n";
            long limit = request.number(option, Routing.DEFAULT_PROVIDERS, Long.MIN_VALUE, Long.MAX_VALUE);
            if (limit < 1) {
                throw new RpcException(RpcException.Kind.NORMAL, "number of providers must be greater than 0");
            }
            Routing.requireOnline(routing); // before the stream starts, so it is an error reply
            RpcResponse.JsonStream out = response.jsonStream();
            Routing.findProviders(routing, cid, (int) Math.min(limit, Integer.MAX_VALUE),
                    provider -> out.send(Routing.providerEvent(provider)));
        }
    }

    /**
     * {@code routing/provide?arg=CID...[&recursive=true]}: announces blocks held locally (with {@code recursive}, every
     * block of their DAGs); no output, as kubo without a DHT.
     */
    @Component(property = RpcCommand.NAME + "=routing/provide")
    public static final class Provide implements RpcCommand {
        private final ContentRoutingManager routing;
        private final Blockstore store;
        private final Host host;
        private final DagBlocks dags = new DagBlocks();

        /** Announces through the routing manager what the blockstore holds, while the host has peers. */
        @Activate
        public Provide(@Reference ContentRoutingManager routing, @Reference Blockstore store, @Reference Host host) {
            this.routing = routing;
            this.store = store;
            this.host = host;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            request.argument(0, "key");
            boolean recursive = request.flag("recursive", false) || request.flag("r", false);
            List<Cid> cids = new ArrayList<>();
            for (String argument : request.arguments()) {
                cids.add(Routing.cid(argument));
            }
            if (recursive) {
                Routing.requireOnline(routing);
                for (Cid cid : cids) {
                    if (!store.has(cid)) {
                        throw new RpcException(RpcException.Kind.NORMAL,
                                "block " + cid + " not found locally, cannot provide");
                    }
                }
                cids = dagBlocks(cids);
            }
            Routing.provide(routing, store, host, cids);
            response.jsonStream();
        }

        /** Every block of the DAGs, or kubo's error for a block missing or a block whose links cannot be read. */
        private List<Cid> dagBlocks(List<Cid> roots) throws RpcException, IOException {
            List<Cid> blocks = new ArrayList<>();
            dags.walk(roots, store, new DagBlocks.Visitor<RpcException>() {
                @Override
                public void block(Cid cid) {
                    blocks.add(cid);
                }

                @Override
                public void missing(Cid cid) throws RpcException {
                    throw new RpcException(RpcException.Kind.NORMAL,
                            "block " + cid + " not found locally, cannot provide");
                }

                @Override
                public void unwalkable(Cid cid, String why) throws RpcException {
                    throw new RpcException(RpcException.Kind.NORMAL, "cannot walk " + cid + ": " + why);
                }
            });
            return blocks;
        }

        /** Reads the links of one codec's blocks for recursive provides. */
        @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
                unbind = "removeWalker")
        void addWalker(LinkWalker walker) {
            dags.add(walker);
        }

        void removeWalker(LinkWalker walker) {
            dags.remove(walker);
        }
    }

    /** {@code bitswap/reprovide}: runs the reprovider now and answers, with no output, when it is done. */
    @Component(property = RpcCommand.NAME + "=bitswap/reprovide")
    public static final class Reprovide implements RpcCommand {
        private final ContentRoutingManager routing;

        /** Reprovides through the routing manager. */
        @Activate
        public Reprovide(@Reference ContentRoutingManager routing) {
            this.routing = routing;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            Routing.reprovide(routing);
            response.jsonStream();
        }
    }

    /** {@code routing/stats} (not in kubo): the routing manager's and the block service's counters. */
    @Component(property = RpcCommand.NAME + "=routing/stats")
    public static final class Stats implements RpcCommand {
        private final ContentRoutingManager routing;

        /** The block service, when there is one (it needs a blockstore). */
        @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
        volatile NetworkBlockService blocks;

        /** Reports the routing manager. */
        @Activate
        public Stats(@Reference ContentRoutingManager routing) {
            this.routing = routing;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(report(routing, blocks));
        }
    }

    /** {@code {"Routing": {...}, "Retrieval": {...}}}; Retrieval is null without a block service. */
    static Map<String, Object> report(ContentRoutingManager routing, NetworkBlockService blocks) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Routing", routing.report());
        out.put("Retrieval", blocks == null ? null : blocks.report());
        return out;
    }
}
