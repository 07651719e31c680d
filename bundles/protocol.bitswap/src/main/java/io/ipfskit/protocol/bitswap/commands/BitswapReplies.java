package io.ipfskit.protocol.bitswap.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.protocol.bitswap.Bitswap;
import io.ipfskit.protocol.bitswap.BitswapStat;
import io.ipfskit.protocol.bitswap.server.LedgerView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bitswap admin replies in kubo's JSON shapes, shared by the RPC and Gogo commands. */
final class BitswapReplies {

    private BitswapReplies() {
    }

    /** {@code bitswap/stat}: ProvideBufLen, Wantlist [{"/":cid}], Peers, then the block counters. */
    static Map<String, Object> stat(Bitswap bitswap) {
        BitswapStat stat = bitswap.stat();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ProvideBufLen", 0);
        out.put("Wantlist", links(stat.wantlist()));
        out.put("Peers", stat.peers().stream().map(PeerId::toBase58).sorted().toList());
        out.put("BlocksReceived", stat.blocksReceived());
        out.put("DataReceived", stat.dataReceived());
        out.put("DupBlksReceived", stat.duplicateBlocksReceived());
        out.put("DupDataReceived", stat.duplicateDataReceived());
        out.put("BlocksSent", stat.blocksSent());
        out.put("DataSent", stat.dataSent());
        out.put("MessagesReceived", stat.messagesReceived());
        return out;
    }

    /** {@code bitswap/wantlist}: {"Keys":[{"/":cid}]}, ours or (with a peer) what that peer wants from us. */
    static Map<String, Object> wantlist(Bitswap bitswap, PeerId peer) {
        List<Cid> keys = peer == null ? bitswap.wantlist()
                : bitswap.ledger(peer).map(LedgerView::wants).orElse(List.of());
        return Map.of("Keys", links(keys));
    }

    /** {@code bitswap/ledger}: Peer, Value (sent / (received + 1)), Sent, Recv, Exchanged; zeros for a stranger. */
    static Map<String, Object> ledger(Bitswap bitswap, PeerId peer) {
        LedgerView view = bitswap.ledger(peer).orElse(new LedgerView(peer, 0, 0, 0, List.of()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Peer", peer.toBase58());
        out.put("Value", view.value());
        out.put("Sent", view.sent());
        out.put("Recv", view.received());
        out.put("Exchanged", view.exchanged());
        return out;
    }

    static PeerId peer(String text) throws RpcException {
        try {
            return PeerId.parse(text);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid peer id \"" + text + "\": " + e.getMessage());
        }
    }

    private static List<Map<String, String>> links(List<Cid> cids) {
        return cids.stream().map(c -> Map.of("/", c.toString())).toList();
    }
}
