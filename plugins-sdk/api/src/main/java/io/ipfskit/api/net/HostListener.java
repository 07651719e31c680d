package io.ipfskit.api.net;

import java.util.Set;

/** Hears about a host's connections and protocol set; callbacks must return quickly. */
public interface HostListener {

    /** A connection finished its upgrade. */
    default void connected(Connection connection) {
    }

    /** A connection closed. */
    default void disconnected(Connection connection) {
    }

    /** The set of protocols the host serves changed. */
    default void protocolsChanged(Set<String> protocols) {
    }
}
