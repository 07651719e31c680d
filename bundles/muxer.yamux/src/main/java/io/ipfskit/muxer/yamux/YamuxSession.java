package io.ipfskit.muxer.yamux;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A yamux session on one channel: decodes frames (delivering data as it arrives, never buffering a whole frame),
 * enforces receive windows and the stream limit, answers pings, and closes the channel on a protocol violation.
 */
final class YamuxSession extends ChannelInboundHandlerAdapter implements MuxedConnection {

    /** The largest data payload sent per frame (what go-yamux and js-libp2p send; any size up to the window is valid). */
    static final int MAX_DATA_FRAME = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(YamuxSession.class.getName());
    private static final long DEFAULT_RTT_NANOS = 50_000_000L;

    final YamuxSettings settings;
    private final Consumer<MuxedStream> inbound;
    private final Map<Integer, YamuxStream> streams = new HashMap<>();
    private volatile int streamCount;
    private ChannelHandlerContext ctx;
    private int nextId;
    /** A frame header split across inbound buffers, until its 12 bytes are in. */
    private final ByteBuf partialHeader = Unpooled.buffer(YamuxFrame.HEADER, YamuxFrame.HEADER);
    private YamuxFrame frame;
    private YamuxStream dataTarget;
    private long dataRemaining;
    private boolean goingAway;
    private boolean failed;
    private long pingSentAt;
    private volatile long rtt = DEFAULT_RTT_NANOS;

    YamuxSession(boolean initiator, YamuxSettings settings, Consumer<MuxedStream> inbound) {
        this.settings = settings;
        this.inbound = inbound;
        this.nextId = initiator ? 1 : 2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        pingSentAt = System.nanoTime();
        sendFrame(YamuxFrame.PING, YamuxFrame.SYN, 0, 1);
        flush();
    }

    @Override
    public CompletionStage<MuxedStream> openStream() {
        CompletableFuture<MuxedStream> result = new CompletableFuture<>();
        run(() -> {
            if (goingAway || !ctx.channel().isActive()) {
                result.completeExceptionally(new IOException("yamux session is closing"));
            } else if (streams.size() >= settings.maxStreams() || nextId < 0) {
                result.completeExceptionally(new IOException("yamux stream limit of " + settings.maxStreams() + " reached"));
            } else {
                YamuxStream stream = new YamuxStream(this, nextId, true);
                nextId += 2;
                add(stream);
                stream.open();
                flush();
                result.complete(stream);
            }
        });
        return result;
    }

    @Override
    public int streamCount() {
        return streamCount;
    }

    @Override
    public void close() {
        run(() -> {
            if (ctx.channel().isActive()) {
                goingAway = true;
                sendFrame(YamuxFrame.GO_AWAY, 0, 0, YamuxFrame.GO_AWAY_NORMAL);
                ctx.writeAndFlush(ctx.alloc().buffer(0)).addListener(f -> ctx.close());
            }
        });
    }

    /** The latest measured round trip, or a default before the first pong. */
    long rttNanos() {
        return rtt;
    }

    void run(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    void sendFrame(int type, int flags, int streamId, long length) {
        ByteBuf out = ctx.alloc().buffer(YamuxFrame.HEADER);
        YamuxFrame.write(out, type, flags, streamId, length);
        ctx.write(out, ctx.voidPromise());
    }

    /**
     * Sends a data frame as one message, its header and the payload itself (owned here) joined without a copy, so that
     * nothing written while it is (a channel event can trigger writes) lands inside it.
     */
    void sendData(int streamId, int flags, ByteBuf payload) {
        ByteBuf header = ctx.alloc().buffer(YamuxFrame.HEADER);
        YamuxFrame.write(header, YamuxFrame.DATA, flags, streamId, payload.readableBytes());
        ctx.write(Unpooled.wrappedBuffer(header, payload), ctx.voidPromise());
    }

    void flush() {
        ctx.flush();
    }

    /** Whether the channel takes more data now; streams hold their data while it does not. */
    boolean writable() {
        return ctx.channel().isWritable();
    }

    /**
     * Lets the streams send again once the channel drained. Later, as a task of its own: the event can fire while a
     * frame is being written (the outbound buffer drains during a write), and a stream sending then would put its
     * frames in the middle of that one.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (context.channel().isWritable()) {
            context.executor().execute(() -> {
                for (YamuxStream stream : new ArrayList<>(streams.values())) {
                    stream.resume();
                }
            });
        }
        super.channelWritabilityChanged(context);
    }

    private void add(YamuxStream stream) {
        streams.put(stream.id, stream);
        streamCount = streams.size();
    }

    void remove(YamuxStream stream) {
        streams.remove(stream.id, stream);
        streamCount = streams.size();
    }

    /**
     * Takes the channel's bytes as they come, without accumulating them: a header split across buffers waits in a
     * 12-byte holder, and data is passed on as slices of the buffer it arrived in.
     */
    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (!failed && in.isReadable()) {
                if (dataRemaining > 0) {
                    int length = (int) Math.min(dataRemaining, in.readableBytes());
                    ByteBuf chunk = in.readRetainedSlice(length);
                    dataRemaining -= length;
                    if (dataTarget != null) {
                        dataTarget.data(chunk);
                    } else {
                        chunk.release();
                    }
                    if (dataRemaining == 0) {
                        finishFrame();
                    }
                } else if (partialHeader.isReadable() || in.readableBytes() < YamuxFrame.HEADER) {
                    partialHeader.writeBytes(in, Math.min(partialHeader.writableBytes(), in.readableBytes()));
                    if (!partialHeader.isWritable()) {
                        frame = YamuxFrame.read(partialHeader);
                        partialHeader.clear();
                        onHeader(frame);
                    }
                } else {
                    frame = YamuxFrame.read(in);
                    onHeader(frame);
                }
            }
        } catch (YamuxProtocolException e) {
            exceptionCaught(context, e);
        } finally {
            in.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) throws Exception {
        flush();
        super.channelReadComplete(context);
    }

    private void onHeader(YamuxFrame f) throws YamuxProtocolException {
        switch (f.type()) {
            case YamuxFrame.PING -> onPing(f);
            case YamuxFrame.GO_AWAY -> {
                goingAway = true;
                LOG.log(System.Logger.Level.DEBUG, "yamux go-away from {0}, code {1}", ctx.channel().remoteAddress(), f.length());
            }
            default -> onStreamFrame(f);
        }
    }

    private void onPing(YamuxFrame f) {
        if (f.has(YamuxFrame.SYN)) {
            sendFrame(YamuxFrame.PING, YamuxFrame.ACK, 0, f.length());
        } else if (f.has(YamuxFrame.ACK) && pingSentAt != 0) {
            rtt = Math.max(1, System.nanoTime() - pingSentAt);
            pingSentAt = 0;
        }
    }

    private void onStreamFrame(YamuxFrame f) throws YamuxProtocolException {
        YamuxStream stream = streams.get(f.streamId());
        if (f.has(YamuxFrame.SYN)) {
            stream = accept(f, stream);
        }
        if (f.type() == YamuxFrame.DATA) {
            if (f.length() > settings.maxWindow()) {
                throw new YamuxProtocolException("yamux data frame of " + f.length() + " bytes");
            }
            if (stream != null && !stream.reserve(f.length())) {
                throw new YamuxProtocolException("yamux stream " + f.streamId() + " overran its receive window");
            }
            dataTarget = stream;
            dataRemaining = f.length();
            if (dataRemaining == 0) {
                finishFrame();
            }
            return;
        }
        if (stream != null) {
            stream.windowUpdate(f.length());
        }
        dataTarget = stream;
        finishFrame();
    }

    private YamuxStream accept(YamuxFrame f, YamuxStream existing) throws YamuxProtocolException {
        int id = f.streamId();
        if (existing != null || id == 0 || (id & 1) == (nextId & 1)) {
            throw new YamuxProtocolException("yamux SYN for stream " + id + " is invalid here");
        }
        if (goingAway || streams.size() >= settings.maxStreams()) {
            LOG.log(System.Logger.Level.INFO, "yamux: refusing stream {0} from {1}: limit of {2} streams", id,
                    ctx.channel().remoteAddress(), settings.maxStreams());
            sendFrame(YamuxFrame.WINDOW_UPDATE, YamuxFrame.RST, id, 0);
            return null;
        }
        YamuxStream stream = new YamuxStream(this, id, false);
        add(stream);
        stream.open();
        inbound.accept(stream);
        return stream;
    }

    private void finishFrame() {
        YamuxStream stream = dataTarget;
        dataTarget = null;
        if (stream == null) {
            return;
        }
        if (frame.has(YamuxFrame.RST)) {
            stream.remoteReset();
        } else if (frame.has(YamuxFrame.FIN)) {
            stream.remoteFin();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        goingAway = true;
        for (YamuxStream stream : new ArrayList<>(streams.values())) {
            stream.remoteReset();
        }
        super.channelInactive(context);
    }

    /**
     * A protocol violation ends the session with GO_AWAY (protocol error); a failed connection is closed; anything else
     * is a bug here or in a stream handler: the session ends with GO_AWAY (internal error) and the exception goes on
     * down the pipeline, so it is reported rather than swallowed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        failed = true;
        if (cause instanceof YamuxProtocolException) {
            LOG.log(System.Logger.Level.INFO, "closing yamux session with {0}: {1}", context.channel().remoteAddress(),
                    cause.getMessage());
            goAway(context, YamuxFrame.GO_AWAY_PROTOCOL_ERROR);
        } else if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "yamux connection to {0} failed: {1}", context.channel().remoteAddress(), cause);
            context.close();
        } else {
            goAway(context, YamuxFrame.GO_AWAY_INTERNAL_ERROR);
            context.fireExceptionCaught(cause);
        }
    }

    private void goAway(ChannelHandlerContext context, int code) {
        if (context.channel().isActive()) {
            sendFrame(YamuxFrame.GO_AWAY, 0, 0, code);
        }
        context.writeAndFlush(context.alloc().buffer(0)).addListener(f -> context.close());
    }
}
