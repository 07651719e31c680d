package io.ipfskit.dht.kad.wire;

/** What the sender of a peer entry knows of its connection to that peer (informative only). */
public enum ConnectionType {
    NOT_CONNECTED,
    CONNECTED,
    CAN_CONNECT,
    CANNOT_CONNECT;

    /** The type of a protobuf number; an unknown number (proto3 enums are open) reads as NOT_CONNECTED. */
    static ConnectionType of(int number) {
        return number >= 0 && number < values().length ? values()[number] : NOT_CONNECTED;
    }
}
