package io.ipfskit.api.protocol;

/**
 * Serves one libp2p protocol id: register it as a service with {@link #PROTOCOL_ID} set, and the host offers
 * the protocol in every negotiation (and in identify) while the service is registered.
 */
public interface ProtocolHandler {

    /** Service property holding the protocol id, e.g. {@code /ipfs/ping/1.0.0}. */
    String PROTOCOL_ID = "ipfskit.protocol.id";

    /** The protocol id this handler serves; equal to the {@link #PROTOCOL_ID} service property. */
    String protocolId();

    /** Takes a newly negotiated inbound stream and returns the listener that receives its data; called off the event loop. */
    StreamListener accept(Stream stream);
}
