package io.ipfskit.protocol.identify;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;

/** Serves {@code /ipfs/id/push/1.0.0}: reads one bounded identify message and stores what it says. */
public final class IdentifyPushHandler implements ProtocolHandler {

    private static final System.Logger LOG = System.getLogger(IdentifyPushHandler.class.getName());

    private final IdentifyService identify;

    /** Stores pushes through the identify service. */
    public IdentifyPushHandler(IdentifyService identify) {
        this.identify = identify;
    }

    @Override
    public String protocolId() {
        return IdentifyService.PUSH;
    }

    @Override
    public StreamListener accept(Stream stream) {
        MessageReader reader = new MessageReader(stream);
        reader.message.whenComplete((bytes, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.DEBUG, "identify push from {0} failed: {1}", stream.remotePeer(), error.toString());
                return;
            }
            try {
                identify.learn(stream.remotePeer(), bytes, true);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.INFO, "resetting identify push from {0}: {1}", stream.remotePeer(), e.getMessage());
                stream.reset();
            }
        });
        return reader;
    }
}
