package io.ipfskit.itests.interop;

import java.util.Map;

/**
 * {@link BitswapHeliaIT} over QUIC alone: our daemon listens on {@code quic-v1} only, Helia's libp2p has only
 * {@code @chainsafe/libp2p-quic} 1.1.8; 64 MiB and a tree move each way over QUIC streams.
 */
class QuicBitswapHeliaIT extends BitswapHeliaIT {

    @Override
    Map<String, String> heliaEnvironment() {
        return Map.of("TRANSPORT", "quic");
    }

    @Override
    String swarm() {
        return "/ip4/127.0.0.1/udp/0/quic-v1";
    }
}
