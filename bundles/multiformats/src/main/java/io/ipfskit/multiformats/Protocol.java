package io.ipfskit.multiformats;

/** The multiaddr protocols this stack understands, with their multicodec code, name and value size. */
public enum Protocol {
    IP4(0x04, "ip4", 32, ValueCodec.IP4),
    TCP(0x06, "tcp", 16, ValueCodec.PORT),
    DNS(0x35, "dns", Protocol.VARIABLE, ValueCodec.TEXT),
    DNS4(0x36, "dns4", Protocol.VARIABLE, ValueCodec.TEXT),
    DNS6(0x37, "dns6", Protocol.VARIABLE, ValueCodec.TEXT),
    DNSADDR(0x38, "dnsaddr", Protocol.VARIABLE, ValueCodec.TEXT),
    IP6(0x29, "ip6", 128, ValueCodec.IP6),
    IP6ZONE(0x2a, "ip6zone", Protocol.VARIABLE, ValueCodec.TEXT),
    UDP(0x0111, "udp", 16, ValueCodec.PORT),
    P2P_CIRCUIT(0x0122, "p2p-circuit", 0, ValueCodec.NONE),
    /** A Unix domain socket path; it takes the rest of the text form, so it must come last. */
    UNIX(0x0190, "unix", Protocol.VARIABLE, ValueCodec.PATH),
    /** A peer id; the text form also accepts the legacy name "ipfs". */
    P2P(0x01a5, "p2p", Protocol.VARIABLE, ValueCodec.PEER_ID),
    TLS(0x01c0, "tls", 0, ValueCodec.NONE),
    NOISE(0x01c6, "noise", 0, ValueCodec.NONE),
    QUIC(0x01cc, "quic", 0, ValueCodec.NONE),
    QUIC_V1(0x01cd, "quic-v1", 0, ValueCodec.NONE),
    WEBTRANSPORT(0x01d1, "webtransport", 0, ValueCodec.NONE),
    /** A certificate hash: a multihash, written in text as multibase (base64url). */
    CERTHASH(0x01d2, "certhash", Protocol.VARIABLE, ValueCodec.MULTIHASH),
    WS(0x01dd, "ws", 0, ValueCodec.NONE),
    WSS(0x01de, "wss", 0, ValueCodec.NONE);

    /** The {@link #sizeBits()} of a protocol whose value is length-prefixed. */
    public static final int VARIABLE = -1;

    private final int code;
    private final String label;
    private final int sizeBits;
    private final ValueCodec codec;

    Protocol(int code, String label, int sizeBits, ValueCodec codec) {
        this.code = code;
        this.label = label;
        this.sizeBits = sizeBits;
        this.codec = codec;
    }

    /** Returns the multicodec code. */
    public int code() {
        return code;
    }

    /** Returns the name used in the text form, such as "quic-v1". */
    public String label() {
        return label;
    }

    /** Returns the value size in bits: 0 for none, {@link #VARIABLE} for length-prefixed values. */
    public int sizeBits() {
        return sizeBits;
    }

    /** Returns the protocol of a text-form name (or the legacy "ipfs"). */
    public static Protocol of(String label) {
        if (label.equals("ipfs")) {
            return P2P;
        }
        for (Protocol protocol : values()) {
            if (protocol.label.equals(label)) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown multiaddr protocol '" + label + "'");
    }

    /** Returns the protocol of a multicodec code. */
    public static Protocol ofCode(long code) {
        for (Protocol protocol : values()) {
            if (protocol.code == code) {
                return protocol;
            }
        }
        throw new IllegalArgumentException("unknown multiaddr protocol code 0x" + Long.toHexString(code));
    }

    ValueCodec codec() {
        return codec;
    }

    /** Returns the text-form name. */
    @Override
    public String toString() {
        return label;
    }
}
