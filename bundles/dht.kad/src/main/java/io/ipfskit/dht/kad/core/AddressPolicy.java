package io.ipfskit.dht.kad.core;

import io.ipfskit.multiformats.Multiaddr;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which addresses a DHT keeps (learns, stores, hands out and dials) and whether its routing table applies the IP
 * diversity filter: the public DHT keeps public addresses only, or also private and loopback ones when configured to
 * (tests, private networks); the LAN DHT keeps private and loopback ones, with no diversity filter (kubo's dual DHT).
 */
public enum AddressPolicy {
    /** The public DHT: public addresses, diversity filter on. */
    PUBLIC(EnumSet.of(AddressScope.PUBLIC), true),
    /** The public DHT accepting private and loopback peers too; the diversity filter counts public addresses only. */
    PUBLIC_AND_PRIVATE(EnumSet.of(AddressScope.PUBLIC, AddressScope.PRIVATE, AddressScope.LOOPBACK), true),
    /** The LAN DHT: private and loopback addresses, no diversity filter. */
    LAN(EnumSet.of(AddressScope.PRIVATE, AddressScope.LOOPBACK), false);

    private final Set<AddressScope> kept;
    private final boolean diversity;

    AddressPolicy(Set<AddressScope> kept, boolean diversity) {
        this.kept = kept;
        this.diversity = diversity;
    }

    /** Whether the address is kept. */
    public boolean accepts(Multiaddr address) {
        return kept.contains(AddressScope.of(address));
    }

    /** The addresses kept, in order (the list itself when all are). */
    public List<Multiaddr> filter(List<Multiaddr> addresses) {
        for (int i = 0; i < addresses.size(); i++) {
            if (!accepts(addresses.get(i))) {
                return addresses.stream().filter(this::accepts).toList();
            }
        }
        return addresses;
    }

    /** Whether the routing table limits peers per IP group. */
    public boolean diversity() {
        return diversity;
    }
}
