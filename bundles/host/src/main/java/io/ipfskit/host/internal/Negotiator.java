package io.ipfskit.host.internal;

import io.netty.buffer.ByteBuf;
import java.net.ProtocolException;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One side of a multistream-select 1.0 negotiation: fed inbound bytes, it appends its replies to an outbound buffer
 * until a protocol is agreed; bytes after the agreement stay unread in the inbound buffer.
 */
final class Negotiator {

    /** How many proposals a listener answers before giving up on a peer. */
    static final int MAX_ROUNDS = 32;

    private final List<String> proposals;
    private final Predicate<String> supported;
    private final Supplier<Collection<String>> all;
    private boolean headerSeen;
    private int round;

    private Negotiator(List<String> proposals, Predicate<String> supported, Supplier<Collection<String>> all) {
        this.proposals = proposals;
        this.supported = supported;
        this.all = all;
    }

    /** The side that proposes protocols in order of preference. */
    static Negotiator dialer(List<String> proposals) {
        if (proposals.isEmpty()) {
            throw new IllegalArgumentException("no protocol to propose");
        }
        return new Negotiator(List.copyOf(proposals), null, null);
    }

    /** The side that accepts a supported protocol and answers {@code ls} with {@code all}. */
    static Negotiator listener(Predicate<String> supported, Supplier<Collection<String>> all) {
        return new Negotiator(null, supported, all);
    }

    /** Appends what this side sends before reading anything: the dialer's header and first proposal, pipelined. */
    void start(ByteBuf out) {
        if (proposals != null) {
            MultistreamCodec.write(out, MultistreamCodec.HEADER);
            MultistreamCodec.write(out, proposals.get(0));
        }
    }

    /** Consumes complete messages; returns the agreed protocol, or null if more bytes are needed; throws on failure. */
    String feed(ByteBuf in, ByteBuf out) throws ProtocolException {
        String message;
        while ((message = MultistreamCodec.read(in)) != null) {
            if (!headerSeen) {
                if (!MultistreamCodec.HEADER.equals(message)) {
                    throw new ProtocolException("expected multistream header, got '" + printable(message) + "'");
                }
                headerSeen = true;
                if (proposals == null) {
                    MultistreamCodec.write(out, MultistreamCodec.HEADER);
                }
                continue;
            }
            String agreed = proposals != null ? dialerStep(message, out) : listenerStep(message, out);
            if (agreed != null) {
                return agreed;
            }
        }
        return null;
    }

    private String dialerStep(String message, ByteBuf out) throws ProtocolException {
        if (message.equals(proposals.get(round))) {
            return message;
        }
        if (!MultistreamCodec.NA.equals(message)) {
            throw new ProtocolException("unexpected multistream answer '" + printable(message) + "'");
        }
        if (++round == proposals.size()) {
            throw new ProtocolException("remote supports none of " + proposals);
        }
        MultistreamCodec.write(out, proposals.get(round));
        return null;
    }

    private String listenerStep(String message, ByteBuf out) throws ProtocolException {
        if (++round > MAX_ROUNDS) {
            throw new ProtocolException("more than " + MAX_ROUNDS + " multistream proposals");
        }
        if (MultistreamCodec.LS.equals(message)) {
            MultistreamCodec.writeList(out, all.get());
            return null;
        }
        if (!message.equals(MultistreamCodec.HEADER) && supported.test(message)) {
            MultistreamCodec.write(out, message);
            return message;
        }
        MultistreamCodec.write(out, MultistreamCodec.NA);
        return null;
    }

    private static String printable(String message) {
        String cut = message.length() > 64 ? message.substring(0, 64) + "..." : message;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
