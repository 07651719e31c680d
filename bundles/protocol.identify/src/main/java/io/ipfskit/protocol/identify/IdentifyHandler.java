package io.ipfskit.protocol.identify;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Serves {@code /ipfs/id/1.0.0}: writes our identify message and closes the stream; ignores anything sent. */
@Component(property = ProtocolHandler.PROTOCOL_ID + "=" + IdentifyService.PROTOCOL)
public final class IdentifyHandler implements ProtocolHandler {

    private final IdentifyService identify;

    /** Answers with what the identify service composes. */
    @Activate
    public IdentifyHandler(@Reference IdentifyService identify) {
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
