package io.ipfskit.dht.kad.wire;

/** The kad-dht message types, with their protobuf numbers. */
public enum MessageType {
    PUT_VALUE,
    GET_VALUE,
    ADD_PROVIDER,
    GET_PROVIDERS,
    FIND_NODE,
    PING;

    /** The protobuf enum number. */
    public int number() {
        return ordinal();
    }

    /** The type of a protobuf number; MalformedMessageException for an unknown one. */
    static MessageType of(int number) throws MalformedMessageException {
        if (number < 0 || number >= values().length) {
            throw new MalformedMessageException("unknown message type " + number);
        }
        return values()[number];
    }
}
