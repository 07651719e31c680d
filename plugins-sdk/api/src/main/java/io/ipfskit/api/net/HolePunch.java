package io.ipfskit.api.net;

import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The host's hook for hole punching (DCUtR): a direct connection to a peer while another (relayed) one exists, with
 * this side's upgrade role fixed whichever way the simultaneous open turns out (both ends may believe they dialled, or
 * one's dial may reach the other's listener).
 */
public interface HolePunch {

    /**
     * From now until the stage completes, upgrades every channel to or from one of the addresses (or coming from one of
     * their IPs, for a peer dialling from another port) as the security and multistream client ({@code client}) or
     * server; after {@code delay} dials all of them at once; completes with the
     * first direct connection to the peer, or fails once {@code timeout} has passed since the dials. A transport with a
     * client and a server of its own (QUIC) has no simultaneous open: the {@code client} side dials from its listening
     * socket, the other opens its NAT to the addresses by sending packets from it and takes the connection that comes.
     */
    CompletionStage<Connection> connectDirect(PeerId peer, List<Multiaddr> addresses, boolean client, Duration delay,
            Duration timeout);
}
