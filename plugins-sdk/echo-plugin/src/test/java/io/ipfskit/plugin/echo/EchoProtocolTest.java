package io.ipfskit.plugin.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class EchoProtocolTest {

    /** Records what the handler writes to its stream. */
    private static final class RecordingStream implements Stream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean closed;

        @Override
        public PeerId remotePeer() {
            throw new UnsupportedOperationException("not needed by echo");
        }

        @Override
        public String protocolId() {
            return EchoProtocol.ID;
        }

        @Override
        public CompletionStage<Void> write(byte[] data) {
            written.writeBytes(data);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void closeWrite() {
            closed = true;
        }

        @Override
        public void reset() {
            closed = true;
        }
    }

    @Test
    void echoesEveryChunkInOrderAndClosesAfterTheRemote() {
        RecordingStream stream = new RecordingStream();
        StreamListener listener = new EchoProtocol().accept(stream);
        listener.onData(new byte[] {1, 2, 3});
        listener.onData(new byte[] {4});
        listener.onRemoteClose();
        assertArrayEquals(new byte[] {1, 2, 3, 4}, stream.written.toByteArray());
        assertTrue(stream.closed);
        assertEquals("/ipfs-kit/echo/1.0.0", new EchoProtocol().protocolId());
    }
}
