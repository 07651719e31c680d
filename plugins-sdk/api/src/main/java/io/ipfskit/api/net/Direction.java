package io.ipfskit.api.net;

/** Which side opened a connection. */
public enum Direction {
    /** The remote dialled us. */
    INBOUND,
    /** We dialled the remote. */
    OUTBOUND
}
