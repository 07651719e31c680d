package io.ipfskit.api.net;

import io.ipfskit.multiformats.Multiaddr;
import java.util.List;
import java.util.Set;

/** Hears about a host's connections, protocol set and listen addresses; callbacks must return quickly. */
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

    /** The addresses the host listens on changed (a transport came or went, the configuration changed). */
    default void listenAddressesChanged(List<Multiaddr> addresses) {
    }
}
