package io.ipfskit.muxer.mplex;

import io.ipfskit.api.net.spi.MuxedConnection;
import io.ipfskit.api.net.spi.MuxedStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * An mplex session: messages are {@code varint(id << 3 | flag), varint(length), data} with at most 1 MiB of data;
 * streams are named by id and by who opened them. A violation closes the channel with a logged reason. mplex has no
 * flow control: while any stream holds more than {@code maxBuffered} bytes unread, the session stops reading the
 * connection (so the remote's writes back up through TCP), and reads again once it drained to half that.
 */
final class MplexSession extends ChannelInboundHandlerAdapter implements MuxedConnection {

    static final int NEW_STREAM = 0;
    static final int MESSAGE_RECEIVER = 1;
    static final int MESSAGE_INITIATOR = 2;
    static final int CLOSE_RECEIVER = 3;
    static final int CLOSE_INITIATOR = 4;
    static final int RESET_RECEIVER = 5;
    static final int RESET_INITIATOR = 6;
    /** The largest message the spec allows. */
    static final int MAX_MESSAGE = 1024 * 1024;
    /** The largest payload we send per message, so that a message fits in one Noise frame. */
    static final int MAX_DATA_FRAME = 65535 - 16 - 20;
    private static final System.Logger LOG = System.getLogger(MplexSession.class.getName());

    final int maxBuffered;
    private final int maxStreams;
    private final Consumer<MuxedStream> inbound;
    private final Map<Long, MplexStream> streams = new HashMap<>();
    /** Streams holding more than maxBuffered unread bytes: while any does, the channel is not read. */
    private final Set<MplexStream> overBound = new HashSet<>();
    /** Bytes of a message not complete yet. */
    private ByteBuf cumulation;
    private volatile int streamCount;
    private ChannelHandlerContext ctx;
    private long nextId;
    private boolean failed;

    MplexSession(int maxStreams, int maxBuffered, Consumer<MuxedStream> inbound) {
        this.maxStreams = maxStreams;
        this.maxBuffered = maxBuffered;
        this.inbound = inbound;
    }

    private static long key(long id, boolean local) {
        return id << 1 | (local ? 1 : 0);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public CompletionStage<MuxedStream> openStream() {
        CompletableFuture<MuxedStream> result = new CompletableFuture<>();
        run(() -> {
            if (!ctx.channel().isActive()) {
                result.completeExceptionally(new IOException("mplex session is closed"));
            } else if (streams.size() >= maxStreams) {
                result.completeExceptionally(new IOException("mplex stream limit of " + maxStreams + " reached"));
            } else {
                MplexStream stream = new MplexStream(this, nextId++, true);
                add(stream);
                send(stream.id, NEW_STREAM, Unpooled.wrappedBuffer(Long.toString(stream.id).getBytes(StandardCharsets.US_ASCII)));
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
        run(() -> ctx.close());
    }

    void run(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    /**
     * Sends a message as one buffer, its header and the data itself (owned here) joined without a copy, so that nothing
     * written while it is (a channel event can trigger writes) lands inside it.
     */
    void send(long id, int flag, ByteBuf data) {
        ByteBuf header = ctx.alloc().buffer(20);
        writeVarint(header, id << 3 | flag);
        writeVarint(header, data.readableBytes());
        ctx.write(Unpooled.wrappedBuffer(header, data), ctx.voidPromise());
    }

    void sendEmpty(long id, int flag) {
        ByteBuf out = ctx.alloc().buffer(11);
        writeVarint(out, id << 3 | flag);
        writeVarint(out, 0);
        ctx.writeAndFlush(out);
    }

    void flush() {
        ctx.flush();
    }

    /** Whether the channel takes more data now; streams hold their writes while it does not. */
    boolean writable() {
        return ctx.channel().isWritable();
    }

    /**
     * Lets the streams send again once the channel drained. Later, as a task of its own: the event can fire while a
     * message is being written, and a stream sending then would put its messages in the middle of that one.
     */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        if (context.channel().isWritable()) {
            context.executor().execute(() -> {
                for (MplexStream stream : new ArrayList<>(streams.values())) {
                    stream.resume();
                }
            });
        }
        super.channelWritabilityChanged(context);
    }

    private void add(MplexStream stream) {
        streams.put(key(stream.id, stream.local), stream);
        streamCount = streams.size();
    }

    void remove(MplexStream stream) {
        streams.remove(key(stream.id, stream.local), stream);
        streamCount = streams.size();
        if (overBound.remove(stream)) {
            readIfNoneOverBound();
        }
    }

    /** Stops reading the channel while any stream holds more than maxBuffered unread bytes; reads again below half. */
    void unreadChanged(MplexStream stream) {
        if (stream.unread() > maxBuffered) {
            if (overBound.add(stream) && overBound.size() == 1) {
                ctx.channel().config().setAutoRead(false);
            }
        } else if (stream.unread() <= maxBuffered / 2 && overBound.remove(stream)) {
            readIfNoneOverBound();
        }
    }

    private void readIfNoneOverBound() {
        if (overBound.isEmpty()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** Gathers bytes until messages are complete and passes each on; a partial message waits for the next read. */
    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) throws Exception {
        ByteBuf in = (ByteBuf) msg;
        if (failed) {
            in.release();
            return;
        }
        cumulation = cumulation == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(context.alloc(), cumulation, in);
        try {
            decode(cumulation);
        } catch (MplexProtocolException e) {
            exceptionCaught(context, e);
        } finally {
            if (failed || !cumulation.isReadable()) {
                cumulation.release();
                cumulation = null;
            }
        }
    }

    private void decode(ByteBuf in) throws MplexProtocolException {
        while (!failed && in.isReadable()) {
            int start = in.readerIndex();
            long header = readVarint(in);
            long length = header < 0 ? -1 : readVarint(in);
            if (length < 0) {
                in.readerIndex(start);
                return;
            }
            if (length > MAX_MESSAGE) {
                throw new MplexProtocolException("mplex message of " + length + " bytes");
            }
            if (in.readableBytes() < length) {
                in.readerIndex(start);
                return;
            }
            onMessage(header >>> 3, (int) (header & 7), in.readRetainedSlice((int) length));
        }
    }

    private void onMessage(long id, int flag, ByteBuf data) throws MplexProtocolException {
        if (flag == NEW_STREAM) {
            data.release();
            if (streams.containsKey(key(id, false))) {
                throw new MplexProtocolException("mplex stream " + id + " opened twice");
            }
            if (streams.size() >= maxStreams) {
                LOG.log(System.Logger.Level.INFO, "mplex: refusing stream {0} from {1}: limit of {2} streams", id,
                        ctx.channel().remoteAddress(), maxStreams);
                sendEmpty(id, RESET_RECEIVER);
                return;
            }
            MplexStream stream = new MplexStream(this, id, false);
            add(stream);
            inbound.accept(stream);
            return;
        }
        if (flag > RESET_INITIATOR) {
            data.release();
            throw new MplexProtocolException("mplex flag " + flag);
        }
        boolean ours = flag % 2 == 1;
        MplexStream stream = streams.get(key(id, ours));
        if (stream == null) {
            data.release();
            return;
        }
        switch (flag) {
            case MESSAGE_RECEIVER, MESSAGE_INITIATOR -> {
                if (!stream.data(data)) {
                    LOG.log(System.Logger.Level.INFO, "mplex: resetting stream {0}: more than {1} bytes before it had a handler", id, maxBuffered);
                    stream.reset();
                }
            }
            case CLOSE_RECEIVER, CLOSE_INITIATOR -> {
                data.release();
                stream.remoteClose();
            }
            default -> {
                data.release();
                stream.remoteReset();
            }
        }
    }

    /** Reads an unsigned varint of at most 9 bytes; -1 if incomplete. */
    private static long readVarint(ByteBuf in) throws MplexProtocolException {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            if (!in.isReadable()) {
                return -1;
            }
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new MplexProtocolException("mplex varint longer than 9 bytes");
    }

    private static void writeVarint(ByteBuf out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.writeByte((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        for (MplexStream stream : new ArrayList<>(streams.values())) {
            stream.remoteReset();
        }
        super.channelInactive(context);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        if (cumulation != null) {
            cumulation.release();
            cumulation = null;
        }
    }

    /**
     * A protocol violation or a failed connection closes it (resetting every stream); anything else is a bug here or in
     * a stream handler: the connection is closed too and the exception goes on down the pipeline, never swallowed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        failed = true;
        if (cause instanceof MplexProtocolException) {
            LOG.log(System.Logger.Level.INFO, "closing mplex session with {0}: {1}", context.channel().remoteAddress(),
                    cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(System.Logger.Level.DEBUG, "mplex connection to {0} failed: {1}", context.channel().remoteAddress(), cause);
        } else {
            context.fireExceptionCaught(cause);
        }
        context.close();
    }
}
