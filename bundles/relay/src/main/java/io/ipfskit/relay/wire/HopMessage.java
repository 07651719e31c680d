package io.ipfskit.relay.wire;

/** circuit.proto's HopMessage (client and relay); absent fields are null. */
public record HopMessage(Type type, PeerInfo peer, Reservation reservation, Limit limit, Status status) {

    /** HopMessage.Type. */
    public enum Type { RESERVE, CONNECT, STATUS }

    /** A RESERVE request. */
    public static HopMessage reserve() {
        return new HopMessage(Type.RESERVE, null, null, null, null);
    }

    /** A CONNECT request to the peer. */
    public static HopMessage connect(PeerInfo peer) {
        return new HopMessage(Type.CONNECT, peer, null, null, null);
    }

    /** A STATUS answer with nothing else. */
    public static HopMessage status(Status status) {
        return new HopMessage(Type.STATUS, null, null, null, status);
    }
}
