/**
 * The Kademlia DHT as a service for other bundles (discovery strategies, admin commands): lookups, peer routing,
 * providers, values and a routing table snapshot. Each DHT (the public one and the LAN one) is registered as a
 * {@link io.ipfskit.dht.kad.api.KademliaDht} service named by {@link io.ipfskit.dht.kad.api.KademliaDht#NAME}.
 */
@Export
@Version("1.1.0")
package io.ipfskit.dht.kad.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
