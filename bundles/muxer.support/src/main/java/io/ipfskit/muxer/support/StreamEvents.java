package io.ipfskit.muxer.support;

import io.ipfskit.api.net.spi.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * A stream's inbound events delivered in order to its handler, and held (data, remote close, reset) until the handler
 * is set. Used from the stream's event loop only.
 */
public final class StreamEvents {

    private final ArrayDeque<Object> early = new ArrayDeque<>();
    private MuxedStream.Handler handler;

    /** Sets the handler and hands it what came before it. */
    public void handler(MuxedStream.Handler value) {
        handler = value;
        while (!early.isEmpty()) {
            dispatch(early.poll());
        }
    }

    /** Whether a handler receives the events (until then they wait here). */
    public boolean handled() {
        return handler != null;
    }

    /** Bytes arrived (owned by the handler from now on). */
    public void data(ByteBuf data) {
        dispatch(data);
    }

    /** The remote half-closed its direction. */
    public void remoteClose() {
        dispatch(Boolean.TRUE);
    }

    /** The stream was reset: data still waiting for a handler is dropped (released), then the reset is delivered. */
    public void reset() {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        dispatch(Boolean.FALSE);
    }

    private void dispatch(Object event) {
        if (handler == null) {
            early.add(event);
        } else if (event instanceof ByteBuf data) {
            handler.onData(data);
        } else if (Boolean.TRUE.equals(event)) {
            handler.onRemoteClose();
        } else {
            handler.onReset();
        }
    }
}
