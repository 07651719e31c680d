package io.ipfskit.protocol.ping;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import java.util.Arrays;
import org.osgi.service.component.annotations.Component;

/** Serves {@code /ipfs/ping/1.0.0}: echoes each complete 32-byte ping, buffering at most one partial ping. */
@Component(property = ProtocolHandler.PROTOCOL_ID + "=" + PingHandler.PROTOCOL)
public final class PingHandler implements ProtocolHandler {

    /** The protocol id. */
    public static final String PROTOCOL = "/ipfs/ping/1.0.0";
    /** The size of one ping. */
    public static final int SIZE = 32;

    @Override
    public String protocolId() {
        return PROTOCOL;
    }

    @Override
    public StreamListener accept(Stream stream) {
        return new StreamListener() {
            private final byte[] ping = new byte[SIZE];
            private int filled;

            @Override
            public void onData(byte[] data) {
                int offset = 0;
                while (offset < data.length) {
                    int n = Math.min(SIZE - filled, data.length - offset);
                    System.arraycopy(data, offset, ping, filled, n);
                    filled += n;
                    offset += n;
                    if (filled == SIZE) {
                        stream.write(Arrays.copyOf(ping, SIZE));
                        filled = 0;
                    }
                }
            }

            @Override
            public void onRemoteClose() {
                stream.closeWrite();
            }
        };
    }
}
