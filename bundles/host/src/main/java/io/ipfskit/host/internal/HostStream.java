package io.ipfskit.host.internal;

import io.ipfskit.api.net.MuxedStream;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A negotiated stream as protocol code sees it: byte arrays in and out, events passed to one listener. */
final class HostStream implements Stream, MuxedStream.Handler {

    private static final System.Logger LOG = System.getLogger(HostStream.class.getName());

    private final MuxedStream stream;
    private final PeerId remote;
    private final String protocol;
    private final Consumer<HostStream> onEnd;
    private StreamListener listener;
    private volatile boolean localClosed;
    private volatile boolean remoteClosed;

    /** A stream; {@code onEnd} runs once when both directions are closed or the stream is reset. */
    HostStream(MuxedStream stream, PeerId remote, String protocol, Consumer<HostStream> onEnd) {
        this.stream = stream;
        this.remote = remote;
        this.protocol = protocol;
        this.onEnd = onEnd;
    }

    /** Starts delivering to the listener, beginning with the bytes that followed the negotiation. */
    void attach(StreamListener value, ByteBuf leftover) {
        this.listener = value;
        if (leftover.isReadable()) {
            onData(leftover.retain());
        }
        stream.handler(this);
    }

    @Override
    public PeerId remotePeer() {
        return remote;
    }

    @Override
    public String protocolId() {
        return protocol;
    }

    @Override
    public CompletionStage<Void> write(byte[] data) {
        return stream.write(Unpooled.copiedBuffer(data));
    }

    @Override
    public void closeWrite() {
        localClosed = true;
        stream.closeWrite();
        if (remoteClosed) {
            onEnd.accept(this);
        }
    }

    @Override
    public void reset() {
        stream.reset();
    }

    @Override
    public void onData(ByteBuf data) {
        byte[] bytes = new byte[data.readableBytes()];
        data.readBytes(bytes);
        data.release();
        try {
            listener.onData(bytes);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler of " + protocol + " failed; resetting the stream", e);
            stream.reset();
        }
    }

    @Override
    public void onRemoteClose() {
        remoteClosed = true;
        if (localClosed) {
            onEnd.accept(this);
        }
        try {
            listener.onRemoteClose();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler of " + protocol + " failed; resetting the stream", e);
            stream.reset();
        }
    }

    @Override
    public void onReset() {
        onEnd.accept(this);
        try {
            listener.onReset();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "handler of " + protocol + " failed on reset", e);
        }
    }
}
