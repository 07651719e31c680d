package io.ipfskit.plugin.echo;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import org.osgi.service.component.annotations.Component;

/**
 * Serves {@value #ID}: every byte received is sent back; when the remote closes its side, so does this one. It reads
 * no faster than it can answer: while the stream is not writable it pauses reading, and a write that fails resets it.
 */
@Component(property = ProtocolHandler.PROTOCOL_ID + "=" + EchoProtocol.ID)
public final class EchoProtocol implements ProtocolHandler {

    /** The protocol id. */
    public static final String ID = "/ipfs-kit/echo/1.0.0";

    private final String protocolId;

    /** Serves {@value #ID}. */
    public EchoProtocol() {
        this(ID);
    }

    /** Serves the same echo under another protocol id (tests use it to speak to other implementations' echo). */
    public EchoProtocol(String protocolId) {
        this.protocolId = protocolId;
    }

    @Override
    public String protocolId() {
        return protocolId;
    }

    @Override
    public StreamListener accept(Stream stream) {
        return new StreamListener() {
            @Override
            public void onData(byte[] data) {
                stream.write(data).whenComplete((written, failure) -> {
                    if (failure != null) {
                        stream.reset();
                    }
                });
                if (!stream.writable()) {
                    stream.pauseReading();
                    stream.onWritable().thenRun(stream::resumeReading);
                }
            }

            @Override
            public void onRemoteClose() {
                stream.closeWrite();
            }
        };
    }
}
