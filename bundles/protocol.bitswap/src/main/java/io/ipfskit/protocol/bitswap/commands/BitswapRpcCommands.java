package io.ipfskit.protocol.bitswap.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.protocol.bitswap.Bitswap;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The RPC {@code bitswap/*} commands, one service each, answering in kubo's shapes. */
public final class BitswapRpcCommands {

    private BitswapRpcCommands() {
    }

    /** {@code bitswap/stat}. */
    @Component(property = RpcCommand.NAME + "=bitswap/stat")
    public static final class Stat implements RpcCommand {
        private final Bitswap bitswap;

        /** Reads the counters of Bitswap. */
        @Activate
        public Stat(@Reference Bitswap bitswap) {
            this.bitswap = bitswap;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(BitswapReplies.stat(bitswap));
        }
    }

    /** {@code bitswap/wantlist[?peer=ID]}: what we want, or what the peer wants from us. */
    @Component(property = RpcCommand.NAME + "=bitswap/wantlist")
    public static final class Wantlist implements RpcCommand {
        private final Bitswap bitswap;

        /** Reads the want-lists of Bitswap. */
        @Activate
        public Wantlist(@Reference Bitswap bitswap) {
            this.bitswap = bitswap;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            String peer = request.option("peer").orElse(null);
            response.json(BitswapReplies.wantlist(bitswap, peer == null ? null : BitswapReplies.peer(peer)));
        }
    }

    /** {@code bitswap/ledger?arg=PEER}. */
    @Component(property = RpcCommand.NAME + "=bitswap/ledger")
    public static final class Ledger implements RpcCommand {
        private final Bitswap bitswap;

        /** Reads the ledgers of Bitswap. */
        @Activate
        public Ledger(@Reference Bitswap bitswap) {
            this.bitswap = bitswap;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            response.json(BitswapReplies.ledger(bitswap, BitswapReplies.peer(request.argument(0, "peer"))));
        }
    }
}
