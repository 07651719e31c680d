package io.ipfskit.plugin.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class EchoProtocolTest {

    /** Records what the handler does with its stream; writability and write outcomes are set by the test. */
    private static final class RecordingStream implements Stream {
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        CompletableFuture<Void> writeOutcome = CompletableFuture.completedFuture(null);
        CompletableFuture<Void> becameWritable = new CompletableFuture<>();
        boolean writable = true;
        boolean paused;
        boolean closed;
        boolean reset;

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
            return writeOutcome;
        }

        @Override
        public void closeWrite() {
            closed = true;
        }

        @Override
        public void reset() {
            reset = true;
        }

        @Override
        public boolean writable() {
            return writable;
        }

        @Override
        public CompletionStage<Void> onWritable() {
            return writable ? CompletableFuture.completedFuture(null) : becameWritable;
        }

        @Override
        public void pauseReading() {
            paused = true;
        }

        @Override
        public void resumeReading() {
            paused = false;
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
        assertFalse(stream.paused);
        assertEquals("/ipfs-kit/echo/1.0.0", new EchoProtocol().protocolId());
    }

    @Test
    void pausesReadingWhileTheStreamIsNotWritableAndResumesWhenItIs() {
        RecordingStream stream = new RecordingStream();
        StreamListener listener = new EchoProtocol().accept(stream);
        stream.writable = false;
        listener.onData(new byte[] {1});
        assertTrue(stream.paused, "a full write queue stops the reading");
        stream.writable = true;
        stream.becameWritable.complete(null);
        assertFalse(stream.paused, "reading resumes once writable");
    }

    @Test
    void aFailedWriteResetsTheStream() {
        RecordingStream stream = new RecordingStream();
        StreamListener listener = new EchoProtocol().accept(stream);
        stream.writeOutcome = CompletableFuture.failedFuture(new IOException("more than the bound queued"));
        listener.onData(new byte[] {1});
        assertTrue(stream.reset);
    }
}
