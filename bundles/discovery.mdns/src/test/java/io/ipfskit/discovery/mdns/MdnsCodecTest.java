package io.ipfskit.discovery.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.discovery.mdns.MdnsReader.PeerAnswer;
import io.ipfskit.discovery.mdns.MdnsReader.ServiceQuery;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsPtrRecord;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our questions and answers through Netty's encoders and back through {@link MdnsReader}; js-shaped and hostile packets. */
class MdnsCodecTest {

    static final PeerId A = PeerId.parse("QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN");
    static final PeerId B = PeerId.parse("QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb");
    static final String INSTANCE = "jspeer." + MdnsWriter.SERVICE;

    @Test
    void ourQueryReadsAsAServiceQuery() {
        assertInstanceOf(ServiceQuery.class, Wire.read(Wire.encode(MdnsWriter.query())).orElseThrow());
    }

    @Test
    void aQuestionForAnotherServiceOrTypeIsNothing() {
        DatagramDnsQuery other = new DatagramDnsQuery(null, MdnsWriter.GROUP, 0);
        other.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion("_http._tcp.local", DnsRecordType.PTR));
        other.addRecord(DnsSection.QUESTION, new DefaultDnsQuestion(MdnsWriter.SERVICE, DnsRecordType.A));
        assertEquals(Optional.empty(), Wire.read(Wire.encode(other)));
    }

    @Test
    void ourAnswerNamesUsAndEveryAddress() {
        List<Multiaddr> ours = List.of(Multiaddr.parse("/ip4/10.0.0.1/tcp/4001/p2p/" + A),
                Multiaddr.parse("/ip4/192.168.1.5/udp/4001/quic-v1/p2p/" + A));
        PeerAnswer answer = assertInstanceOf(PeerAnswer.class,
                Wire.read(Wire.encode(MdnsWriter.answer("ournode", ours))).orElseThrow());
        assertEquals("ournode", answer.peerName());
        assertEquals(A, answer.peer().peerId());
        assertEquals(ours.stream().map(Multiaddr::withoutPeerId).toList(), answer.peer().addresses());
    }

    @Test
    void ourAnswerStaysWithinItsSizeAndSkipsOverlongRecords() {
        List<Multiaddr> many = new ArrayList<>();
        many.add(Multiaddr.parse("/dns4/" + "x".repeat(240) + ".example/tcp/1/p2p/" + A));
        for (int i = 0; i < 60; i++) {
            many.add(Multiaddr.parse("/ip4/10.0.0." + i + "/tcp/4001/p2p/" + A));
        }
        byte[] bytes = Wire.encode(MdnsWriter.answer("n".repeat(63), many));
        assertTrue(bytes.length <= MdnsWriter.MAX_ANSWER_BYTES, bytes.length + " bytes");
        PeerAnswer answer = assertInstanceOf(PeerAnswer.class, Wire.read(bytes).orElseThrow());
        assertEquals(Multiaddr.parse("/ip4/10.0.0.0/tcp/4001"), answer.peer().addresses().get(0), "overlong one skipped");
        assertTrue(answer.peer().addresses().size() > 5, answer.peer().addresses().size() + " addresses");
    }

    @Test
    void aJsShapedAnswerWithTxtAmongTheAnswersIsRead() {
        DatagramDnsResponse js = response(txt(INSTANCE, "dnsaddr=/ip4/10.0.0.2/tcp/40001/p2p/" + A));
        PeerAnswer answer = assertInstanceOf(PeerAnswer.class, Wire.read(Wire.encode(js)).orElseThrow());
        assertEquals("jspeer", answer.peerName());
        assertEquals(List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/40001")), answer.peer().addresses());
    }

    @Test
    void addressesOfAnotherPeerOrInstanceLoopbackOrWithoutPeerIdAreLeftOut() {
        DatagramDnsResponse mixed = response(
                txt(INSTANCE, "dnsaddr=/ip4/10.0.0.2/tcp/1/p2p/" + A),
                txt(INSTANCE, "dnsaddr=/ip4/10.0.0.3/tcp/1/p2p/" + B),
                txt(INSTANCE, "dnsaddr=/ip4/127.0.0.1/tcp/1/p2p/" + A),
                txt(INSTANCE, "dnsaddr=/ip4/10.0.0.4/tcp/1"),
                txt(INSTANCE, "dnsaddr=not a multiaddr"),
                txt(INSTANCE, "other=/ip4/10.0.0.5/tcp/1/p2p/" + A),
                txt("someoneelse." + MdnsWriter.SERVICE, "dnsaddr=/ip4/10.0.0.6/tcp/1/p2p/" + A));
        PeerAnswer answer = assertInstanceOf(PeerAnswer.class, Wire.read(Wire.encode(mixed)).orElseThrow());
        assertEquals(A, answer.peer().peerId());
        assertEquals(List.of(Multiaddr.parse("/ip4/10.0.0.2/tcp/1")), answer.peer().addresses());
    }

    @Test
    void anAnswerWithOnlyLoopbackAddressesOrNoPtrIsNothing() {
        assertEquals(Optional.empty(), Wire.read(Wire.encode(response(txt(INSTANCE, "dnsaddr=/ip4/127.0.0.1/tcp/1/p2p/" + A)))));
        DatagramDnsResponse noPtr = new DatagramDnsResponse(null, MdnsWriter.GROUP, 0);
        noPtr.addRecord(DnsSection.ANSWER, txt(INSTANCE, "dnsaddr=/ip4/10.0.0.2/tcp/1/p2p/" + A));
        assertEquals(Optional.empty(), Wire.read(Wire.encode(noPtr)));
    }

    @Test
    void addressesPerAnswerAreBounded() {
        DnsRecord[] records = new DnsRecord[MdnsReader.MAX_ADDRESSES + 20];
        for (int i = 0; i < records.length; i++) {
            records[i] = txt(INSTANCE, "dnsaddr=/ip4/10.0." + (i / 250) + "." + (i % 250) + "/tcp/1/p2p/" + A);
        }
        PeerAnswer answer = assertInstanceOf(PeerAnswer.class, Wire.read(Wire.encode(response(records))).orElseThrow());
        assertEquals(MdnsReader.MAX_ADDRESSES, answer.peer().addresses().size());
    }

    @Test
    void anOversizedPacketIsDroppedUnread() {
        DnsRecord[] records = new DnsRecord[40];
        for (int i = 1; i < records.length; i++) {
            records[i] = txt(INSTANCE, "x".repeat(250));
        }
        records[0] = txt(INSTANCE, "dnsaddr=/ip4/10.0.0.2/tcp/1/p2p/" + A);
        byte[] bytes = Wire.encode(response(records));
        assertTrue(bytes.length > MdnsReader.MAX_PACKET_BYTES, bytes.length + " bytes");
        assertEquals(Optional.empty(), Wire.read(bytes));
    }

    @Test
    void truncatedAndRandomBytesReadAsNothing() {
        byte[] good = Wire.encode(response(txt(INSTANCE, "dnsaddr=/ip4/10.0.0.2/tcp/1/p2p/" + A)));
        for (int length = 0; length < good.length; length++) {
            Wire.read(Arrays.copyOf(good, length));
        }
        assertEquals(Optional.empty(), Wire.read(Arrays.copyOf(good, 20)));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(600)];
            random.nextBytes(noise);
            Wire.read(noise);
        }
    }

    @Test
    void txtCharacterStringsAreSplitAndATruncatedOneDropped() {
        byte[] data = {3, 'a', 'b', 'c', 1, 'd', 9, 'e'};
        assertEquals(List.of("abc", "d"), MdnsReader.strings(Unpooled.wrappedBuffer(data)));
    }

    @Test
    void peerNamesAreLowerCaseLabelsOf32To63Characters() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            String name = MdnsWriter.randomPeerName(random);
            assertTrue(name.matches("[a-z0-9]{32,63}"), name);
        }
    }

    /** A response as js sends it: the PTR and the TXT records in the answer section, names without the root dot. */
    static DatagramDnsResponse response(DnsRecord... txts) {
        DatagramDnsResponse response = new DatagramDnsResponse(null, MdnsWriter.GROUP, 0);
        response.addRecord(DnsSection.ANSWER, new DefaultDnsPtrRecord(MdnsWriter.SERVICE, DnsRecord.CLASS_IN, 120, INSTANCE));
        for (DnsRecord txt : txts) {
            response.addRecord(DnsSection.ANSWER, txt);
        }
        return response;
    }

    static DnsRecord txt(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new DefaultDnsRawRecord(name, DnsRecordType.TXT, DnsRecord.CLASS_IN, 120,
                Unpooled.buffer().writeByte(bytes.length).writeBytes(bytes));
    }
}
