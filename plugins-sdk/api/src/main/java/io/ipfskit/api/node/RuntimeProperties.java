package io.ipfskit.api.node;

/** Names of the framework properties the launcher sets for the bundles. */
public final class RuntimeProperties {

    /** Absolute path of the node's repository. */
    public static final String REPO = "ipfskit.repo";
    /** Role given on the command line, overriding configuration. */
    public static final String ROLE = "ipfskit.role";
    /** RPC API multiaddr given on the command line, overriding configuration. */
    public static final String API = "ipfskit.api";
    /** Comma-separated swarm multiaddrs given on the command line, overriding configuration. */
    public static final String SWARM = "ipfskit.swarm";
    /** "true" when the node runs offline ({@code daemon --offline}): it serves its API but never uses the network for content. */
    public static final String OFFLINE = "ipfskit.offline";
    /**
     * Comma-separated bootstrap peers ({@code daemon --bootstrap}, or none under the test profile), overriding the
     * bootstrap bundle's configured list; an empty value means no bootstrap peers.
     */
    public static final String BOOTSTRAP = "ipfskit.bootstrap";
    /** Comma-separated static relays ({@code daemon --relay}) to hold reservations on, besides the relay bundle's configured ones. */
    public static final String RELAYS = "ipfskit.relays";
    /**
     * Not a framework property but a service property: the node's reachability as AutoNAT found it ({@code Unknown},
     * {@code Public}, {@code Private}), published on a {@code java.util.function.Supplier<String>} service that other
     * bundles filter on and follow (the DHT's auto mode).
     */
    public static final String REACHABILITY = "ipfskit.reachability";
    /** "false" to switch mDNS discovery off (the test profile), overriding its configured {@code enabled}. */
    public static final String MDNS = "ipfskit.mdns";
    /** "true" to let the public DHT keep private and loopback addresses (the test profile), overriding its configuration. */
    public static final String DHT_ACCEPT_PRIVATE_ADDRESSES = "ipfskit.dht.acceptPrivateAddresses";
    /** Version of the distribution. */
    public static final String VERSION = "ipfskit.version";
    /**
     * Filter of the launcher's fatal-error reporter, a {@code java.util.function.Consumer<String>} service:
     * a component that cannot do what the node was started for (a port in use) reports a one-line reason there
     * and the launcher stops the node with that message.
     */
    public static final String FATAL_REPORTER_FILTER = "(ipfskit.launcher=fatal)";

    private RuntimeProperties() {
    }
}
