package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NegotiatorTest {

    private static final Set<String> SERVED = Set.of("/echo/1.0.0", "/ipfs/ping/1.0.0");

    private static Negotiator listener() {
        return Negotiator.listener(SERVED::contains, () -> List.of("/echo/1.0.0", "/ipfs/ping/1.0.0"));
    }

    private static List<String> messages(ByteBuf buf) throws ProtocolException {
        List<String> out = new ArrayList<>();
        String m;
        while ((m = MultistreamCodec.read(buf)) != null) {
            out.add(m);
        }
        return out;
    }

    @Test
    void encodesWithVarintLengthAndNewline() {
        ByteBuf out = Unpooled.buffer();
        MultistreamCodec.write(out, "/multistream/1.0.0");
        assertEquals(19, out.readByte());
        assertEquals("/multistream/1.0.0\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listenerAnswersPipelinedHeaderAndProposalAndKeepsTheRest() throws Exception {
        ByteBuf in = Unpooled.buffer();
        MultistreamCodec.write(in, "/multistream/1.0.0");
        MultistreamCodec.write(in, "/echo/1.0.0");
        in.writeBytes("payload".getBytes());
        ByteBuf out = Unpooled.buffer();
        assertEquals("/echo/1.0.0", listener().feed(in, out));
        assertEquals(List.of("/multistream/1.0.0", "/echo/1.0.0"), messages(out));
        assertEquals("payload", in.toString(StandardCharsets.UTF_8));
    }

    @Test
    void dialerFallsBackAfterNa() throws Exception {
        Negotiator dialer = Negotiator.dialer(List.of("/nope/1", "/echo/1.0.0"));
        Negotiator listener = listener();
        ByteBuf toListener = Unpooled.buffer();
        ByteBuf toDialer = Unpooled.buffer();
        dialer.start(toListener);
        String agreedByListener = null;
        String agreedByDialer = null;
        for (int i = 0; i < 4 && (agreedByDialer == null || agreedByListener == null); i++) {
            if (agreedByListener == null) {
                agreedByListener = listener.feed(toListener, toDialer);
            }
            if (agreedByDialer == null) {
                agreedByDialer = dialer.feed(toDialer, toListener);
            }
        }
        assertEquals("/echo/1.0.0", agreedByListener);
        assertEquals("/echo/1.0.0", agreedByDialer);
    }

    @Test
    void dialerFailsWhenNothingIsSupported() throws Exception {
        Negotiator dialer = Negotiator.dialer(List.of("/nope/1"));
        ByteBuf in = Unpooled.buffer();
        MultistreamCodec.write(in, "/multistream/1.0.0");
        MultistreamCodec.write(in, "na");
        assertThrows(ProtocolException.class, () -> dialer.feed(in, Unpooled.buffer()));
    }

    @Test
    void listenerAnswersLsWithEveryProtocol() throws Exception {
        ByteBuf in = Unpooled.buffer();
        MultistreamCodec.write(in, "/multistream/1.0.0");
        MultistreamCodec.write(in, "ls");
        ByteBuf out = Unpooled.buffer();
        assertNull(listener().feed(in, out));
        List<String> answer = messages(out);
        assertEquals("/multistream/1.0.0", answer.get(0));
        ByteBuf list = Unpooled.wrappedBuffer(answer.get(1).getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("/echo/1.0.0", "/ipfs/ping/1.0.0"), messages(list));
    }

    @Test
    void rejectsAMissingHeader() {
        ByteBuf in = Unpooled.buffer();
        MultistreamCodec.write(in, "/echo/1.0.0");
        assertThrows(ProtocolException.class, () -> listener().feed(in, Unpooled.buffer()));
    }

    @Test
    void rejectsOversizedAndUnterminatedMessages() {
        ByteBuf big = Unpooled.buffer().writeByte(0x81).writeByte(0x10);
        assertThrows(ProtocolException.class, () -> MultistreamCodec.read(big));
        ByteBuf noNewline = Unpooled.buffer().writeByte(2).writeBytes("ab".getBytes());
        assertThrows(ProtocolException.class, () -> MultistreamCodec.read(noNewline));
        ByteBuf endless = Unpooled.buffer().writeBytes(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, 1});
        assertThrows(ProtocolException.class, () -> MultistreamCodec.read(endless));
    }

    @Test
    void waitsForTheRestOfAMessage() throws Exception {
        ByteBuf in = Unpooled.buffer().writeByte(19).writeBytes("/multi".getBytes());
        assertNull(MultistreamCodec.read(in));
        assertEquals(0, in.readerIndex());
    }

    @Test
    void listenerGivesUpAfterTooManyProposals() {
        ByteBuf in = Unpooled.buffer();
        MultistreamCodec.write(in, "/multistream/1.0.0");
        for (int i = 0; i <= Negotiator.MAX_ROUNDS; i++) {
            MultistreamCodec.write(in, "/nope/" + i);
        }
        assertThrows(ProtocolException.class, () -> listener().feed(in, Unpooled.buffer()));
    }
}
