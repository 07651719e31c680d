package io.ipfskit.discovery.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Netty lookup against a small DNS server on a loopback UDP port that answers TXT questions from a map. */
class NettyTxtLookupTest {

    private static final Map<String, List<byte[][]>> ZONE = Map.of("_dnsaddr.boot.example.", List.of(
            new byte[][] {bytes("dnsaddr=/ip4/10.0.0.1/tcp/4001/p2p/" + DnsaddrResolverTest.A)},
            new byte[][] {bytes("dnsaddr=/ip4/10.0.0.2/tcp"), bytes("/4001/p2p/" + DnsaddrResolverTest.A)}));

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private Channel server;
    private NettyTxtLookup lookup;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void startServer() throws InterruptedException {
        server = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(new ChannelInitializer<DatagramChannel>() {
            @Override
            protected void initChannel(DatagramChannel channel) {
                channel.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(),
                        new SimpleChannelInboundHandler<DatagramDnsQuery>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext context, DatagramDnsQuery query) {
                                context.writeAndFlush(answer(query));
                            }
                        });
            }
        }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        lookup = new NettyTxtLookup(new SingletonDnsServerAddressStreamProvider((InetSocketAddress) server.localAddress()),
                Duration.ofSeconds(5));
    }

    private static DatagramDnsResponse answer(DatagramDnsQuery query) {
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
        response.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(question.name(), question.type()));
        List<byte[][]> records = question.type() == DnsRecordType.TXT ? ZONE.get(question.name()) : null;
        if (records == null) {
            response.setCode(DnsResponseCode.NXDOMAIN);
            return response;
        }
        for (byte[][] strings : records) {
            ByteBuf data = Unpooled.buffer();
            for (byte[] string : strings) {
                data.writeByte(string.length).writeBytes(string);
            }
            response.addRecord(DnsSection.ANSWER, new DefaultDnsRawRecord(question.name(), DnsRecordType.TXT, 60, data));
        }
        return response;
    }

    @AfterEach
    void stop() {
        lookup.close();
        server.close().syncUninterruptibly();
        group.shutdownGracefully().syncUninterruptibly();
    }

    @Test
    void readsEveryTxtRecordJoiningItsStrings() {
        assertEquals(List.of("dnsaddr=/ip4/10.0.0.1/tcp/4001/p2p/" + DnsaddrResolverTest.A,
                "dnsaddr=/ip4/10.0.0.2/tcp/4001/p2p/" + DnsaddrResolverTest.A),
                lookup.txt("_dnsaddr.boot.example").toCompletableFuture().join());
    }

    @Test
    void anUnknownNameFails() {
        assertThrows(CompletionException.class, () -> lookup.txt("_dnsaddr.none.example").toCompletableFuture().join());
    }

    @Test
    void aStringLongerThanItsRecordIsCutAtTheRecordsEnd() {
        ByteBuf data = Unpooled.buffer().writeByte(200).writeBytes(bytes("short"));
        assertEquals("short", NettyTxtLookup.text(data));
    }
}
