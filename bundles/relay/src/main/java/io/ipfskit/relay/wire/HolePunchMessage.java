package io.ipfskit.relay.wire;

import io.ipfskit.multiformats.Multiaddr;
import java.util.List;

/** DCUtR's {@code HolePunch} message: CONNECT with the sender's addresses, or SYNC. */
public record HolePunchMessage(Type type, List<Multiaddr> addresses) {

    /** The message types and their wire values. */
    public enum Type {
        /** The sender's observed and listen addresses (100). */
        CONNECT(100),
        /** Dial now (300). */
        SYNC(300);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /** The wire value. */
        public int code() {
            return code;
        }
    }

    /** A CONNECT listing the addresses. */
    public static HolePunchMessage connect(List<Multiaddr> addresses) {
        return new HolePunchMessage(Type.CONNECT, List.copyOf(addresses));
    }

    /** A SYNC. */
    public static HolePunchMessage sync() {
        return new HolePunchMessage(Type.SYNC, List.of());
    }
}
