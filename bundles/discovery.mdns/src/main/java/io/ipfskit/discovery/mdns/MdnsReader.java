package io.ipfskit.discovery.mdns;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.netty.buffer.ByteBuf;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponseDecoder;
import io.netty.handler.codec.dns.DnsMessage;
import io.netty.handler.codec.dns.DnsPtrRecord;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one mDNS datagram of at most {@link #MAX_PACKET_BYTES}: a question for the libp2p service, or the peer a
 * libp2p answer describes (its PTR's instance label and the {@code dnsaddr=} TXT strings of that instance, in the
 * answer or additional section, that name the same peer, at most {@link #MAX_ADDRESSES}, loopback ones left out).
 * Anything else, malformed packets included, reads as nothing.
 */
final class MdnsReader {

    /** The largest mDNS packet (RFC 6762 17: 9000 bytes); larger ones are dropped unread. */
    static final int MAX_PACKET_BYTES = 9000;
    /** Addresses taken from one answer at most. */
    static final int MAX_ADDRESSES = 32;

    private static final String PREFIX = "dnsaddr=";
    private static final int HEADER_BYTES = 12;
    private static final int ANY_TYPE = 255;

    /** What a datagram said. */
    sealed interface Packet permits ServiceQuery, PeerAnswer {
    }

    /** Someone asked who offers the libp2p service. */
    record ServiceQuery() implements Packet {
    }

    /** A peer answered: its instance label (our own answers carry ours) and where to reach it. */
    record PeerAnswer(String peerName, PeerInfo peer) implements Packet {
    }

    private MdnsReader() {
    }

    /** Reads the datagram's content (not released here). */
    static Optional<Packet> read(DatagramPacket packet) {
        ByteBuf content = packet.content();
        if (content.readableBytes() < HEADER_BYTES || content.readableBytes() > MAX_PACKET_BYTES) {
            return Optional.empty();
        }
        boolean response = (content.getUnsignedByte(content.readerIndex() + 2) & 0x80) != 0;
        List<Object> out = new ArrayList<>(1);
        try {
            DatagramPacket view = new DatagramPacket(content.duplicate(), packet.recipient(), packet.sender());
            if (response) {
                ResponseDecoder.INSTANCE.read(view, out);
            } else {
                QueryDecoder.INSTANCE.read(view, out);
            }
        } catch (Exception malformed) {
            return Optional.empty();
        }
        DnsMessage message = (DnsMessage) out.get(0);
        try {
            return response ? answer(message) : query(message);
        } finally {
            message.release();
        }
    }

    private static Optional<Packet> query(DnsMessage query) {
        for (int i = 0; i < query.count(DnsSection.QUESTION); i++) {
            DnsRecord question = query.recordAt(DnsSection.QUESTION, i);
            int type = question.type().intValue();
            if (isService(question.name()) && (type == DnsRecordType.PTR.intValue() || type == ANY_TYPE)) {
                return Optional.of(new ServiceQuery());
            }
        }
        return Optional.empty();
    }

    private static Optional<Packet> answer(DnsMessage response) {
        String instance = null;
        for (int i = 0; i < response.count(DnsSection.ANSWER) && instance == null; i++) {
            if (response.recordAt(DnsSection.ANSWER, i) instanceof DnsPtrRecord ptr && isService(ptr.name())) {
                instance = withoutRootDot(ptr.hostname());
            }
        }
        if (instance == null || instance.indexOf('.') <= 0) {
            return Optional.empty();
        }
        PeerId peer = null;
        List<Multiaddr> addresses = new ArrayList<>();
        for (DnsSection section : List.of(DnsSection.ANSWER, DnsSection.ADDITIONAL)) {
            for (int i = 0; i < response.count(section) && addresses.size() < MAX_ADDRESSES; i++) {
                DnsRecord record = response.recordAt(section, i);
                if (record.type() != DnsRecordType.TXT || !(record instanceof DnsRawRecord raw)
                        || !withoutRootDot(record.name()).equalsIgnoreCase(instance)) {
                    continue;
                }
                for (String text : strings(raw.content())) {
                    Optional<Multiaddr> address = address(text);
                    if (address.isEmpty() || addresses.size() >= MAX_ADDRESSES) {
                        continue;
                    }
                    PeerId named = address.get().peerId().orElseThrow();
                    if (peer == null) {
                        peer = named;
                    }
                    Multiaddr dialable = address.get().withoutPeerId();
                    if (named.equals(peer) && !dialable.isLoopback() && !addresses.contains(dialable)) {
                        addresses.add(dialable);
                    }
                }
            }
        }
        if (peer == null || addresses.isEmpty()) {
            return Optional.empty();
        }
        String peerName = instance.substring(0, instance.indexOf('.'));
        return Optional.of(new PeerAnswer(peerName, new PeerInfo(peer, addresses)));
    }

    /** A {@code dnsaddr=} string's address, if it parses and ends in /p2p/ID. */
    private static Optional<Multiaddr> address(String text) {
        if (!text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            Multiaddr address = Multiaddr.parse(text.substring(PREFIX.length()));
            return address.peerId().isPresent() ? Optional.of(address) : Optional.empty();
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** A TXT record's character-strings (a length byte, then that many bytes, each); a truncated one is dropped. */
    static List<String> strings(ByteBuf data) {
        List<String> strings = new ArrayList<>();
        ByteBuf in = data.duplicate();
        while (in.isReadable()) {
            int length = in.readUnsignedByte();
            if (length > in.readableBytes()) {
                break;
            }
            strings.add(in.readCharSequence(length, StandardCharsets.UTF_8).toString());
        }
        return strings;
    }

    private static boolean isService(String name) {
        return withoutRootDot(name).toLowerCase(Locale.ROOT).equals(MdnsWriter.SERVICE);
    }

    private static String withoutRootDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Netty's query decoder, its decode method reachable (it uses no channel context). */
    private static final class QueryDecoder extends DatagramDnsQueryDecoder {
        static final QueryDecoder INSTANCE = new QueryDecoder();

        void read(DatagramPacket packet, List<Object> out) throws Exception {
            decode(null, packet, out);
        }
    }

    /** Netty's response decoder, its decode method reachable (it uses no channel context). */
    private static final class ResponseDecoder extends DatagramDnsResponseDecoder {
        static final ResponseDecoder INSTANCE = new ResponseDecoder();

        void read(DatagramPacket packet, List<Object> out) throws Exception {
            decode(null, packet, out);
        }
    }
}
