package io.ipfskit.api.node;

import java.util.Locale;

/** How much a node gives to the network: connection limits, DHT mode, relay service, cache sizes. */
public enum NodeRole {
    /** A well-connected, always-on node: DHT server, relay service, large caches. */
    MASTER,
    /** A regular node: serves what it has, moderate limits. */
    WORKER,
    /** A light client: DHT client mode, small limits, serves little. */
    LEECHER;

    /** The lower-case name used in configuration and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a role name case-insensitively; throws IllegalArgumentException naming the valid roles. */
    public static NodeRole parse(String name) {
        for (NodeRole role : values()) {
            if (role.id().equalsIgnoreCase(name.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "' (expected master, worker or leecher)");
    }
}
