package io.ipfskit.transport.quic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hole punch's packets: random, spaced 10–200 ms, and bounded in count and time, and they stop when told. */
class PunchPacketsTest {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final DatagramSocket receiver = receiver();
    private final Channel sender = new Bootstrap().group(group).channel(NioDatagramChannel.class)
            .handler(new ChannelInboundHandlerAdapter()).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .syncUninterruptibly().channel();

    @AfterEach
    void close() {
        sender.close().syncUninterruptibly();
        receiver.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static DatagramSocket receiver() {
        try {
            return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (java.net.SocketException e) {
            throw new IllegalStateException(e);
        }
    }

    private Runnable start(Duration within, int maxPackets) {
        return PunchPackets.start(sender.pipeline().firstContext(), (InetSocketAddress) receiver.getLocalSocketAddress(),
                within, maxPackets);
    }

    /** Packets until none comes for {@code quiet}; checks each one's size and that two never repeat. */
    private int countUntilQuiet(Duration quiet) throws Exception {
        receiver.setSoTimeout((int) quiet.toMillis());
        java.util.Set<String> seen = new java.util.HashSet<>();
        try {
            while (true) {
                DatagramPacket packet = new DatagramPacket(new byte[256], 256);
                receiver.receive(packet);
                assertEquals(PunchPackets.SIZE, packet.getLength());
                assertEquals(sender.localAddress(), packet.getSocketAddress());
                assertTrue(seen.add(java.util.HexFormat.of().formatHex(packet.getData(), 0, packet.getLength())),
                        "random bytes, not a repeated packet");
            }
        } catch (SocketTimeoutException quietNow) {
            return seen.size();
        }
    }

    @Test
    void stopsAtItsPacketBound() throws Exception {
        start(Duration.ofMinutes(1), 5);
        assertEquals(5, countUntilQuiet(Duration.ofMillis(1_500)));
    }

    @Test
    void stopsAtItsTimeBound() throws Exception {
        long started = System.nanoTime();
        start(Duration.ofMillis(700), PunchPackets.MAX_PACKETS);
        int count = countUntilQuiet(Duration.ofMillis(1_500));
        long millis = (System.nanoTime() - started) / 1_000_000 - 1_500;
        // at least one gap of 10 ms or more per packet, and nothing after the bound (plus one last gap)
        assertTrue(count >= 2 && count <= 70, "packets in 700 ms: " + count);
        assertTrue(millis < 700 + PunchPackets.MAX_GAP_MILLIS + 300, "the last packet came " + millis + " ms in");
    }

    @Test
    void stopsWhenTold() throws Exception {
        Runnable stop = start(Duration.ofMinutes(1), PunchPackets.MAX_PACKETS);
        receiver.setSoTimeout(5_000);
        receiver.receive(new DatagramPacket(new byte[256], 256));
        stop.run();
        int after = countUntilQuiet(Duration.ofMillis(PunchPackets.MAX_GAP_MILLIS * 3));
        assertTrue(after <= 1, "packets after the stop: " + after);
    }

    @Test
    void gapsAreBetweenTenAndTwoHundredMillisecondsAndStartShort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int n = 1; n <= PunchPackets.MAX_PACKETS; n++) {
            for (int i = 0; i < 200; i++) {
                long gap = PunchPackets.gap(n, random);
                assertTrue(gap >= PunchPackets.MIN_GAP_MILLIS && gap <= PunchPackets.MAX_GAP_MILLIS, "gap " + gap);
                if (n == 1) {
                    assertTrue(gap <= 20, "the first gap is short: " + gap);
                }
            }
        }
    }
}
