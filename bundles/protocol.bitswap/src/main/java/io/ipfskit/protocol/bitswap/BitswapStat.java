package io.ipfskit.protocol.bitswap;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.PeerId;
import java.util.List;

/** kubo's {@code bitswap stat}: what we want, whom we exchange with, and the block traffic so far. */
public record BitswapStat(List<Cid> wantlist, List<PeerId> peers, long blocksReceived, long dataReceived,
        long duplicateBlocksReceived, long duplicateDataReceived, long messagesReceived, long blocksSent, long dataSent) {

    /** Copies the lists so the record stays immutable. */
    public BitswapStat {
        wantlist = List.copyOf(wantlist);
        peers = List.copyOf(peers);
    }
}
