package io.ipfskit.protocol.bitswap;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.protocol.bitswap.net.Network;

/** Serves one Bitswap protocol id: every stream a peer opens on it is read for messages. */
final class BitswapHandler implements ProtocolHandler {

    private final String protocolId;
    private final Network network;

    BitswapHandler(String protocolId, Network network) {
        this.protocolId = protocolId;
        this.network = network;
    }

    @Override
    public String protocolId() {
        return protocolId;
    }

    @Override
    public StreamListener accept(Stream stream) {
        return network.inbound(stream);
    }
}
