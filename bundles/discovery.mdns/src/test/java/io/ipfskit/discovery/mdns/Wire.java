package io.ipfskit.discovery.mdns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQueryEncoder;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsMessage;
import io.netty.handler.codec.dns.DnsQuery;
import java.net.InetSocketAddress;
import java.util.Optional;

/** Test helper: messages to the bytes Netty's encoders put on the wire, and bytes back through {@link MdnsReader}. */
final class Wire {

    static final InetSocketAddress SENDER = new InetSocketAddress("10.0.0.2", 5353);

    private Wire() {
    }

    /** The datagram bytes of a query or a response. */
    static byte[] encode(AddressedEnvelope<? extends DnsMessage, InetSocketAddress> message) {
        EmbeddedChannel channel = new EmbeddedChannel(
                message.content() instanceof DnsQuery ? new DatagramDnsQueryEncoder() : new DatagramDnsResponseEncoder());
        channel.writeOutbound(message);
        DatagramPacket packet = channel.readOutbound();
        try {
            return ByteBufUtil.getBytes(packet.content());
        } finally {
            packet.release();
            channel.finishAndReleaseAll();
        }
    }

    /** What the reader makes of the bytes, as received from {@link #SENDER}. */
    static Optional<MdnsReader.Packet> read(byte[] bytes) {
        ByteBuf content = Unpooled.wrappedBuffer(bytes);
        DatagramPacket packet = new DatagramPacket(content, MdnsWriter.GROUP, SENDER);
        try {
            return MdnsReader.read(packet);
        } finally {
            packet.release();
        }
    }
}
