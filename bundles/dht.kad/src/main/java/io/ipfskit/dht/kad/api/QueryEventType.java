package io.ipfskit.dht.kad.api;

/** The kinds of {@link QueryEvent}, numbered as kubo's {@code routing.QueryEventType} (the RPC API's {@code Type}). */
public enum QueryEventType {
    /** A request is about to be sent to the event's peer. */
    SENDING_QUERY,
    /** The event's peer answered; {@code responses} are the closer peers it named. */
    PEER_RESPONSE,
    /** A result: the peer sought, or one of the closest peers of a lookup; {@code responses} holds it with its addresses. */
    FINAL_PEER,
    /** A request to the event's peer failed ({@code extra} says why), or the query failed as a whole (no peer). */
    QUERY_ERROR,
    /** The event's peer named providers, in {@code responses}. */
    PROVIDER,
    /** The event's peer returned a valid value ({@code extra} holds nothing; the value is the query's result). */
    VALUE,
    /** A peer was added to the routing table. */
    ADDING_PEER,
    /** A connection to the event's peer is being opened. */
    DIALING_PEER;

    /** kubo's number for this type. */
    public int code() {
        return ordinal();
    }
}
