package io.ipfskit.transport.quic;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The packets of random bytes a QUIC hole punch's server side sends from its listening socket to the peer that will
 * dial it (libp2p/specs relay/DCUtR.md), so its NAT lets the peer's handshake in: at random intervals of
 * {@value #MIN_GAP_MILLIS}–{@value #MAX_GAP_MILLIS} ms, the first gaps shorter (go-libp2p's ramp), until stopped,
 * until {@code within} has passed, or after {@value #MAX_PACKETS} packets. Runs on the socket's event loop; the
 * packets leave through the context given (the socket's first handler's), so the QUIC codec never sees them.
 */
final class PunchPackets implements Runnable {

    /** Bytes per packet (go-libp2p's): no QUIC endpoint takes them for a packet of its own. */
    static final int SIZE = 64;
    /** The shortest gap between two packets. */
    static final int MIN_GAP_MILLIS = 10;
    /** The longest gap between two packets. */
    static final int MAX_GAP_MILLIS = 200;
    /** The most packets sent to one address in one punch. */
    static final int MAX_PACKETS = 64;

    private final ChannelHandlerContext out;
    private final InetSocketAddress target;
    private final long deadline;
    private final int maxPackets;
    private int sent;
    private boolean stopped;
    private ScheduledFuture<?> next;

    private PunchPackets(ChannelHandlerContext out, InetSocketAddress target, Duration within, int maxPackets) {
        this.out = out;
        this.target = target;
        this.deadline = System.nanoTime() + within.toNanos();
        this.maxPackets = maxPackets;
    }

    /**
     * Starts sending to the target through {@code out}, at most {@code maxPackets} ({@link #MAX_PACKETS} in a punch);
     * the returned stop may be run from any thread.
     */
    static Runnable start(ChannelHandlerContext out, InetSocketAddress target, Duration within, int maxPackets) {
        PunchPackets packets = new PunchPackets(out, target, within, maxPackets);
        out.executor().execute(packets::send);
        return packets;
    }

    /** Stops sending. */
    @Override
    public void run() {
        out.executor().execute(() -> {
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    private void send() {
        if (stopped || sent >= maxPackets || System.nanoTime() >= deadline || !out.channel().isActive()) {
            return;
        }
        byte[] payload = new byte[SIZE];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        random.nextBytes(payload);
        out.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(payload), target));
        sent++;
        next = out.executor().schedule(this::send, gap(sent, random), TimeUnit.MILLISECONDS);
    }

    /** The gap after the n-th packet: 10 ms plus a random part whose bound grows as 10·n² up to the 200 ms cap. */
    static long gap(int n, ThreadLocalRandom random) {
        int spread = Math.min(10 * n * n, MAX_GAP_MILLIS - MIN_GAP_MILLIS);
        return MIN_GAP_MILLIS + random.nextInt(spread + 1);
    }
}
