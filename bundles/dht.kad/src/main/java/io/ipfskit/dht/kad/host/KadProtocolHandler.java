package io.ipfskit.dht.kad.host;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.Scheduler;

/** Serves one DHT's protocol id (registered only while that DHT is a server): every stream is read for requests. */
public final class KadProtocolHandler implements ProtocolHandler {

    private final KadNode node;
    private final Scheduler scheduler;

    /** A handler for the node's protocol. */
    public KadProtocolHandler(KadNode node, Scheduler scheduler) {
        this.node = node;
        this.scheduler = scheduler;
    }

    @Override
    public String protocolId() {
        return node.protocolId();
    }

    @Override
    public StreamListener accept(Stream stream) {
        return new InboundRequests(stream, node, scheduler);
    }
}
