package io.ipfskit.relay.wire;

/** circuit.proto's StopMessage (relay and target); absent fields are null. */
public record StopMessage(Type type, PeerInfo peer, Limit limit, Status status) {

    /** StopMessage.Type. */
    public enum Type { CONNECT, STATUS }

    /** A STATUS answer. */
    public static StopMessage status(Status status) {
        return new StopMessage(Type.STATUS, null, null, status);
    }
}
