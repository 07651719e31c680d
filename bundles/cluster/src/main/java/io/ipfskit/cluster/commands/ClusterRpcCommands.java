package io.ipfskit.cluster.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.cluster.ClusterService;
import io.ipfskit.cluster.wire.ClusterCodec;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The RPC {@code cluster/*} commands, one service each, answering in ipfs-cluster's shapes ({@link ClusterJson}). */
public final class ClusterRpcCommands {

    private ClusterRpcCommands() {
    }

    /** Runs an operation of the cluster, turning its refusals into client errors and an unknown pin into a 404. */
    private static Object run(Operation operation) throws RpcException {
        try {
            return operation.run();
        } catch (NoSuchElementException e) {
            throw RpcException.notFound(e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw RpcException.client(e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Operation {
        Object run() throws RpcException;
    }

    /** {@code cluster/peers}: this node and the live members, by peer id. */
    @Component(property = RpcCommand.NAME + "=cluster/peers")
    public static final class Peers implements RpcCommand {
        private final ClusterService cluster;

        /** Over the node's cluster. */
        @Activate
        public Peers(@Reference ClusterService cluster) {
            this.cluster = cluster;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            response.json(run(() -> cluster.members().stream().map(ClusterJson::peer).toList()));
        }
    }

    /** {@code cluster/pin/add?arg=CID&replication=N}: pins in the cluster (on the leading master only). */
    @Component(property = RpcCommand.NAME + "=cluster/pin/add")
    public static final class PinAdd implements RpcCommand {
        private final ClusterService cluster;

        /** Over the node's cluster. */
        @Activate
        public PinAdd(@Reference ClusterService cluster) {
            this.cluster = cluster;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            Cid cid = ClusterJson.cid(request);
            int replication = (int) request.number("replication", -1, 1, ClusterCodec.MAX_ALLOCATIONS);
            response.json(run(() -> ClusterJson.pin(cluster.add(cid, replication))));
        }
    }

    /** {@code cluster/pin/rm?arg=CID}: unpins in the cluster (on the leading master only). */
    @Component(property = RpcCommand.NAME + "=cluster/pin/rm")
    public static final class PinRm implements RpcCommand {
        private final ClusterService cluster;

        /** Over the node's cluster. */
        @Activate
        public PinRm(@Reference ClusterService cluster) {
            this.cluster = cluster;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            Cid cid = ClusterJson.cid(request);
            response.json(run(() -> ClusterJson.pin(cluster.remove(cid))));
        }
    }

    /** {@code cluster/status?arg=CID}: where each replica of the pin stands. */
    @Component(property = RpcCommand.NAME + "=cluster/status")
    public static final class Status implements RpcCommand {
        private final ClusterService cluster;

        /** Over the node's cluster. */
        @Activate
        public Status(@Reference ClusterService cluster) {
            this.cluster = cluster;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            Cid cid = ClusterJson.cid(request);
            response.json(run(() -> ClusterJson.status(cluster.status(cid)
                    .orElseThrow(() -> new NoSuchElementException(cid + " is not pinned in the cluster")))));
        }
    }
}
