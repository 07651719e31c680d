package io.ipfskit.api.net.spi;

import io.netty.channel.Channel;
import java.util.function.Consumer;

/**
 * Multiplexes streams over a secured channel (e.g. {@code /yamux/1.0.0}); register it with {@link #PROTOCOL_ID}.
 * {@link #start} adds its handler at the end of the pipeline; it must be called on the channel's event loop.
 */
public interface StreamMuxer {

    /** Service property holding the protocol id negotiated with multistream-select, e.g. {@code /yamux/1.0.0}. */
    String PROTOCOL_ID = "ipfskit.muxer.protocol";

    /** The protocol id, equal to the {@link #PROTOCOL_ID} service property. */
    String protocolId();

    /** Starts multiplexing; each stream the remote opens is passed to {@code inbound} on the event loop. */
    MuxedConnection start(Channel channel, boolean initiator, Consumer<MuxedStream> inbound);
}
