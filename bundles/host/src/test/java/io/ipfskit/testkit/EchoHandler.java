package io.ipfskit.testkit;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;

/** Echoes every byte back and closes its side when the remote does. */
public final class EchoHandler implements ProtocolHandler {

    private final String protocol;

    /** Serves the given protocol id. */
    public EchoHandler(String protocol) {
        this.protocol = protocol;
    }

    @Override
    public String protocolId() {
        return protocol;
    }

    @Override
    public StreamListener accept(Stream stream) {
        return new StreamListener() {
            @Override
            public void onData(byte[] data) {
                stream.write(data);
            }

            @Override
            public void onRemoteClose() {
                stream.closeWrite();
            }
        };
    }
}
