package io.ipfskit.relay;

import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Varint;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Dials back on a fresh transport channel, outside the host (which would reuse the connection the request came on):
 * multistream-select of the security protocol, then its handshake expecting the requester's peer id; a completed
 * handshake proves the peer answers on that address, and the channel is closed at once. Addresses are tried in turn.
 */
final class SecureDialBack implements DialBack {

    private static final String MULTISTREAM = "/multistream/1.0.0";

    private final Supplier<Transport> transport;
    private final Supplier<SecureChannel> security;

    SecureDialBack(Supplier<Transport> transport, Supplier<SecureChannel> security) {
        this.transport = transport;
        this.security = security;
    }

    @Override
    public CompletionStage<Multiaddr> dial(PeerId peer, List<Multiaddr> addresses, Duration timeout) {
        CompletableFuture<Multiaddr> result = new CompletableFuture<>();
        tryFrom(peer, addresses, 0, result, null);
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tryFrom(PeerId peer, List<Multiaddr> addresses, int i, CompletableFuture<Multiaddr> result, Throwable last) {
        Transport t = transport.get();
        SecureChannel s = security.get();
        if (t == null || s == null) {
            result.completeExceptionally(new IOException("no transport or security channel to dial back with"));
            return;
        }
        if (i >= addresses.size() || result.isDone()) {
            result.completeExceptionally(last != null ? last : new IOException("no address to dial back"));
            return;
        }
        Multiaddr address = addresses.get(i);
        CompletableFuture<Void> secured = new CompletableFuture<>();
        t.dial(address, Duration.ofSeconds(5), new Negotiation(s, peer, secured)).whenComplete((channel, e) -> {
            if (e != null) {
                secured.completeExceptionally(e);
            } else {
                secured.whenComplete((v, x) -> channel.close());
                result.whenComplete((v, x) -> channel.close());
            }
        });
        secured.whenComplete((v, e) -> {
            if (e == null) {
                result.complete(address);
            } else {
                tryFrom(peer, addresses, i + 1, result, e);
            }
        });
    }

    /** Multistream-selects the security protocol as the dialler, then runs its handshake. */
    private static final class Negotiation extends ChannelInboundHandlerAdapter {

        private static final int MAX_HEADER = 256;

        private final SecureChannel security;
        private final PeerId peer;
        private final CompletableFuture<Void> secured;
        private final ByteBuf received = Unpooled.buffer();
        private int accepted;

        Negotiation(SecureChannel security, PeerId peer, CompletableFuture<Void> secured) {
            this.security = security;
            this.peer = peer;
            this.secured = secured;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(line(MULTISTREAM), line(security.protocolId())));
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                received.writeBytes((ByteBuf) msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
            if (received.readableBytes() > MAX_HEADER) {
                fail(ctx, new IOException("multistream answer too long"));
                return;
            }
            while (accepted < 2) {
                String next = next();
                if (next == null) {
                    return;
                }
                String wanted = accepted == 0 ? MULTISTREAM : security.protocolId();
                if (!next.equals(wanted)) {
                    fail(ctx, new IOException("the peer answered " + next + " to " + wanted));
                    return;
                }
                accepted++;
            }
            Channel channel = ctx.channel();
            ctx.pipeline().remove(this);
            security.secure(channel, true, peer).whenComplete((session, e) -> {
                if (e != null) {
                    secured.completeExceptionally(e);
                } else {
                    secured.complete(null);
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            secured.completeExceptionally(new IOException("closed during the dial-back"));
            ctx.fireChannelInactive();
        }

        /** One complete multistream line without its newline, or null until it arrived. */
        private String next() {
            received.markReaderIndex();
            long length = 0;
            int shift = 0;
            while (true) {
                if (!received.isReadable() || shift > 14) {
                    received.resetReaderIndex();
                    return null;
                }
                int b = received.readByte() & 0xff;
                length |= (long) (b & 0x7f) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            if (received.readableBytes() < length || length < 1) {
                received.resetReaderIndex();
                return null;
            }
            String text = received.readCharSequence((int) length, StandardCharsets.UTF_8).toString();
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        }

        private void fail(ChannelHandlerContext ctx, IOException e) {
            secured.completeExceptionally(e);
            ctx.close();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (received.refCnt() > 0) {
                received.release();
            }
        }

        private static ByteBuf line(String protocol) {
            byte[] text = (protocol + "\n").getBytes(StandardCharsets.UTF_8);
            return Unpooled.wrappedBuffer(Unpooled.wrappedBuffer(Varint.encode(text.length)), Unpooled.wrappedBuffer(text));
        }
    }
}
