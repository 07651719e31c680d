package io.ipfskit.testkit;

import io.ipfskit.api.net.MuxedStream;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;

/** A stream handler that records everything it is told. */
public final class StreamRecorder implements MuxedStream.Handler {

    /** The bytes received, in order. */
    public final ByteArrayOutputStream data = new ByteArrayOutputStream();
    /** Whether the remote half-closed. */
    public boolean remoteClosed;
    /** Whether the stream was reset. */
    public boolean reset;

    @Override
    public void onData(ByteBuf buf) {
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        data.writeBytes(bytes);
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
