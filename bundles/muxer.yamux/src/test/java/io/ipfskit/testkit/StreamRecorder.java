package io.ipfskit.testkit;

import io.ipfskit.api.net.spi.MuxedStream;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/**
 * A stream handler that records everything it is told; attached with {@link #attach} it also reports what it read as
 * consumed (a reader keeping up), set with {@code handler(...)} alone it never does (a reader that stopped).
 */
public final class StreamRecorder implements MuxedStream.Handler {

    /** The bytes received, in order. */
    public final ByteArrayOutputStream data = new ByteArrayOutputStream();
    /** Whether the remote half-closed. */
    public boolean remoteClosed;
    /** Whether the stream was reset. */
    public boolean reset;
    private MuxedStream consumedOn;

    /** Becomes the stream's handler and reports each chunk consumed once recorded (a reader keeping up). */
    public StreamRecorder attach(MuxedStream stream) {
        consumedOn = stream;
        stream.handler(this);
        return this;
    }

    @Override
    public void onData(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        data.writeBytes(bytes);
        if (consumedOn != null) {
            consumedOn.consumed(bytes.length);
        }
    }

    @Override
    public void onRemoteClose() {
        remoteClosed = true;
    }

    @Override
    public void onReset() {
        reset = true;
    }
}
