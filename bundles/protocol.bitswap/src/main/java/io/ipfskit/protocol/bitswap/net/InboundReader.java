package io.ipfskit.protocol.bitswap.net;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.protocol.bitswap.message.FrameReader;
import io.ipfskit.protocol.bitswap.message.MalformedMessageException;
import java.io.IOException;

/**
 * Reads Bitswap messages from one stream (a stream the peer opened, or our own outbound one) and queues each for the
 * peer's worker; a malformed or oversized frame, or more input than the peer's queue may hold, resets the stream and
 * cuts the peer off. A reset of our own stream tells its link. Runs on the connection's event loop: it only frames
 * bytes, never decodes or touches storage.
 */
final class InboundReader implements StreamListener {

    private final Stream stream;
    private final Network network;
    private final PeerLink ours;
    private final FrameReader frames = new FrameReader();
    private boolean broken;

    /** A reader of a stream the peer opened ({@code ours} null) or of the stream of our link {@code ours}. */
    InboundReader(Stream stream, Network network, PeerLink ours) {
        this.stream = stream;
        this.network = network;
        this.ours = ours;
    }

    @Override
    public void onData(byte[] data) {
        if (broken) {
            return;
        }
        try {
            frames.feed(data, frame -> {
                if (!broken && !network.received(stream.remotePeer(), frame)) {
                    cutOff("more than " + Network.MAX_QUEUED_INPUT + " bytes of messages waiting");
                }
            });
        } catch (MalformedMessageException e) {
            cutOff(e.getMessage());
        }
    }

    @Override
    public void onRemoteClose() {
        if (ours == null) {
            stream.closeWrite();
        }
    }

    @Override
    public void onReset() {
        if (ours != null) {
            ours.lost(stream, new IOException("the peer reset our bitswap stream"));
        }
    }

    private void cutOff(String reason) {
        broken = true;
        stream.reset();
        network.cutOff(stream.remotePeer(), reason);
    }
}
