package io.ipfskit.relay.wire;

import io.ipfskit.multiformats.Multiaddr;

/**
 * autonat.proto's Message (AutoNAT v1): a DIAL asking the server to dial the peer back on its addresses, or the
 * DIAL_RESPONSE with its status and, when OK, the address that worked; absent parts are null.
 */
public record AutoNatMessage(Type type, PeerInfo dial, ResponseStatus status, String statusText, Multiaddr address) {

    /** Message.MessageType. */
    public enum Type { DIAL, DIAL_RESPONSE }

    /** Message.ResponseStatus. */
    public enum ResponseStatus {
        OK(0), E_DIAL_ERROR(100), E_DIAL_REFUSED(101), E_BAD_REQUEST(200), E_INTERNAL_ERROR(300);

        private final int code;

        ResponseStatus(int code) {
            this.code = code;
        }

        /** The wire value. */
        public int code() {
            return code;
        }

        static ResponseStatus of(int code) throws RelayProtocolException {
            for (ResponseStatus s : values()) {
                if (s.code == code) {
                    return s;
                }
            }
            throw new RelayProtocolException("unknown AutoNAT response status " + code);
        }
    }

    /** A DIAL request for the peer. */
    public static AutoNatMessage dial(PeerInfo peer) {
        return new AutoNatMessage(Type.DIAL, peer, null, null, null);
    }

    /** A DIAL_RESPONSE. */
    public static AutoNatMessage response(ResponseStatus status, String text, Multiaddr address) {
        return new AutoNatMessage(Type.DIAL_RESPONSE, null, status, text, address);
    }
}
