package io.ipfskit.discovery.mdns;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The mDNS socket: UDP 0.0.0.0:5353 (address reused, as every mDNS responder on the host binds it) joined to
 * 224.0.0.251 on each interface given, on one event loop thread of its own; reads datagrams of at most
 * {@link MdnsReader#MAX_PACKET_BYTES} (a longer one arrives truncated and reads as nothing) and sends each message
 * out of every interface (IP_MULTICAST_IF switched on the event loop before each write), TTL 255. Close it to leave.
 */
final class MdnsChannel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MdnsChannel.class.getName());

    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ipfskit-mdns", true));
    private final List<NetworkInterface> interfaces;
    private final DatagramChannel channel;

    /** Binds and joins; fails when the port cannot be bound or no group can be joined. */
    MdnsChannel(List<NetworkInterface> interfaces, Consumer<MdnsReader.Packet> inbound) throws InterruptedException {
        this.interfaces = List.copyOf(interfaces);
        Bootstrap bootstrap = new Bootstrap().group(group)
                .channelFactory(() -> new NioDatagramChannel(InternetProtocolFamily.IPv4))
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.IP_MULTICAST_TTL, 255)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MdnsReader.MAX_PACKET_BYTES + 1))
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryEncoder() {
                            @Override
                            public boolean acceptOutboundMessage(Object message) {
                                return message instanceof DatagramDnsQuery;
                            }
                        }, new DatagramDnsResponseEncoder() {
                            @Override
                            public boolean acceptOutboundMessage(Object message) {
                                return message instanceof DatagramDnsResponse;
                            }
                        }, new Inbound(inbound));
                    }
                });
        try {
            channel = (DatagramChannel) bootstrap.bind(new InetSocketAddress("0.0.0.0", MdnsWriter.GROUP.getPort()))
                    .sync().channel();
            int joined = 0;
            for (NetworkInterface nic : this.interfaces) {
                if (channel.joinGroup(MdnsWriter.GROUP, nic).await().isSuccess()) {
                    joined++;
                } else {
                    LOG.log(System.Logger.Level.WARNING, "mDNS: cannot join the group on {0}", nic.getName());
                }
            }
            if (joined == 0) {
                throw new IllegalStateException("mDNS: the group could be joined on no interface of " + interfaces);
            }
        } catch (RuntimeException | InterruptedException e) {
            shutdown();
            throw e;
        }
    }

    /** Sends the message out of every interface (takes ownership of it). */
    void send(AddressedEnvelope<? extends DnsMessage, InetSocketAddress> message) {
        channel.eventLoop().execute(() -> {
            try {
                for (NetworkInterface nic : interfaces) {
                    channel.config().setNetworkInterface(nic);
                    channel.writeAndFlush(ReferenceCountUtil.retain(message)).addListener(done -> {
                        if (!done.isSuccess()) {
                            LOG.log(System.Logger.Level.DEBUG, "mDNS: send on {0} failed: {1}", nic.getName(),
                                    done.cause().toString());
                        }
                    });
                }
            } finally {
                ReferenceCountUtil.release(message);
            }
        });
    }

    /** Runs the task on the channel's thread every period, the first at once. */
    void every(Duration period, Runnable task) {
        channel.eventLoop().scheduleAtFixedRate(task, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdown();
    }

    private void shutdown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** Reads each datagram; a failure is logged and the next one read. */
    private static final class Inbound extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Consumer<MdnsReader.Packet> inbound;

        Inbound(Consumer<MdnsReader.Packet> inbound) {
            this.inbound = inbound;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            MdnsReader.read(packet).ifPresent(inbound);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.log(System.Logger.Level.DEBUG, "mDNS: {0}", cause.toString());
        }
    }
}
