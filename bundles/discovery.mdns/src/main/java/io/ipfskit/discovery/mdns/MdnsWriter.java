package io.ipfskit.discovery.mdns;

import io.ipfskit.multiformats.Multiaddr;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsPtrRecord;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Builds libp2p's mDNS messages, sent to the mDNS group: the PTR question for {@code _p2p._udp.local}, and our answer
 * (a PTR from the service to our peer name, one TXT {@code dnsaddr=<address>/p2p/<id>} record per address in the
 * additional section, as the spec puts them), kept within {@link #MAX_ANSWER_BYTES}.
 */
final class MdnsWriter {

    /** The libp2p service name. */
    static final String SERVICE = "_p2p._udp.local";
    /** The IPv4 mDNS group and port. */
    static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    /** Seconds our records live (as js and go: 120). */
    static final int TTL = 120;
    /** An answer's encoded size at most: fits one Ethernet frame with IP and UDP headers. */
    static final int MAX_ANSWER_BYTES = 1400;
    /** A TXT character-string's length at most (RFC 6763 6.1). */
    static final int MAX_TXT_STRING = 255;

    private static final String PREFIX = "dnsaddr=";
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int HEADER_BYTES = 12;
    private static final int RECORD_FIXED_BYTES = 10;

    private MdnsWriter() {
    }

    /** A random 32 to 63 character DNS label naming this node in its answers (js: 63 characters). */
    static String randomPeerName(RandomGenerator random) {
        int length = 32 + random.nextInt(32);
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    /** The question for the libp2p service. */
    static DatagramDnsQuery query() {
        DatagramDnsQuery query = new DatagramDnsQuery(null, GROUP, 0);
        query.setRecursionDesired(false);
        query.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(SERVICE, DnsRecordType.PTR));
        return query;
    }

    /**
     * Our answer: the PTR to {@code <peerName>._p2p._udp.local} and a TXT record for each address (each ending in
     * /p2p/ our id), skipping an address whose record would be longer than a TXT string may be, stopping before the
     * answer outgrows {@link #MAX_ANSWER_BYTES}.
     */
    static DatagramDnsResponse answer(String peerName, List<Multiaddr> addresses) {
        String instance = peerName + "." + SERVICE;
        DatagramDnsResponse response = new DatagramDnsResponse(null, GROUP, 0);
        response.setAuthoritativeAnswer(true);
        response.addRecord(DnsSection.ANSWER, new DefaultDnsPtrRecord(SERVICE, DnsRecord.CLASS_IN, TTL, instance));
        int size = HEADER_BYTES + nameBytes(SERVICE) + RECORD_FIXED_BYTES + nameBytes(instance);
        for (Multiaddr address : addresses) {
            byte[] text = (PREFIX + address).getBytes(StandardCharsets.UTF_8);
            int recordBytes = nameBytes(instance) + RECORD_FIXED_BYTES + 1 + text.length;
            if (text.length > MAX_TXT_STRING) {
                continue;
            }
            if (size + recordBytes > MAX_ANSWER_BYTES) {
                break;
            }
            size += recordBytes;
            ByteBuf data = Unpooled.buffer(1 + text.length).writeByte(text.length).writeBytes(text);
            response.addRecord(DnsSection.ADDITIONAL,
                    new DefaultDnsRawRecord(instance, DnsRecordType.TXT, DnsRecord.CLASS_IN, TTL, data));
        }
        return response;
    }

    /** A name's encoded size without compression: a length byte per label, the labels, the root's zero byte. */
    private static int nameBytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length + 2;
    }
}
