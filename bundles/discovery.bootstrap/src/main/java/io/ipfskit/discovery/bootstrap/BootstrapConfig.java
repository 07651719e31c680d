package io.ipfskit.discovery.bootstrap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of bootstrap discovery (PID {@code io.ipfskit.discovery.bootstrap}); the framework property
 * {@code ipfskit.bootstrap} ({@code daemon --bootstrap}, the test profile) overrides the list.
 */
@ObjectClassDefinition(name = "IPFS Kit bootstrap discovery")
public @interface BootstrapConfig {

    /** Bootstrap peers, each a multiaddr ending in /p2p/ID (in a cfg file: separated by commas); kubo's list by default. */
    @AttributeDefinition(description = "Bootstrap peers: multiaddrs ending in /p2p/<peer id>, separated by commas "
            + "(default: kubo's public list; empty for none)")
    String[] peers() default {
        "/dnsaddr/bootstrap.libp2p.io/p2p/QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN",
        "/dnsaddr/bootstrap.libp2p.io/p2p/QmQCU2EcMqAqQPR2i9bChDtGNJchTbq5TbXJJ16u19uLTa",
        "/dnsaddr/bootstrap.libp2p.io/p2p/QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb",
        "/dnsaddr/bootstrap.libp2p.io/p2p/QmcZf59bWwK5XFi76CZX8cbJ4BhTzzA3gU1ZjYZcYW3dwt",
        "/dnsaddr/va1.bootstrap.libp2p.io/p2p/12D3KooWKnDdG3iXw9eTFijk3EWSunZcFi54Zka4wmtqtt6rPxc8",
        "/ip4/104.131.131.82/tcp/4001/p2p/QmaCpDMGvV2BGHeYERUEnRQAwe3N8SzbUtfsmvsqQLuvuJ"};

    /** Below this many connections a round reports the bootstrap peers not connected (kubo: 4). */
    @AttributeDefinition(description = "Connections below which the bootstrap peers are dialled (kubo: 4), 0 to 1000",
            min = "0", max = "1000")
    int minConnections() default 4;

    /** Seconds between rounds (kubo: 30). */
    @AttributeDefinition(description = "Seconds between bootstrap rounds (kubo: 30), 1 to 86400", min = "1", max = "86400")
    int periodSeconds() default 30;

    /** Seconds one DNS query may take. */
    @AttributeDefinition(description = "Seconds one DNS TXT query for /dnsaddr may take, 1 to 60", min = "1", max = "60")
    int dnsTimeoutSeconds() default 5;
}
