package io.ipfskit.protocol.identify;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;

/** Serves {@code /ipfs/id/1.0.0}: writes our identify message and closes the stream; ignores anything sent. */
public final class IdentifyHandler implements ProtocolHandler {

    private final IdentifyService identify;

    /** Answers with what the identify service composes. */
    public IdentifyHandler(IdentifyService identify) {
        this.identify = identify;
    }

    @Override
    public String protocolId() {
        return IdentifyService.PROTOCOL;
    }

    @Override
    public StreamListener accept(Stream stream) {
        stream.write(IdentifyService.framed(identify.message(stream.remotePeer())));
        stream.closeWrite();
        return new StreamListener() {
            @Override
            public void onData(byte[] data) {
            }

            @Override
            public void onRemoteClose() {
            }
        };
    }
}
