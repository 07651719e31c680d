package io.ipfskit.dht.kad.host;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.Identify;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.dht.kad.core.KadNode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.core.Scheduler;
import io.ipfskit.dht.kad.records.PublicKeyValidator;
import io.ipfskit.dht.kad.records.RecordStore;
import io.ipfskit.dht.kad.records.Validators;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One DHT on a libp2p host: the {@link KadNode} over a {@link HostNetwork}, validating {@code /ipns} records with keys
 * identify learned or {@code /pk} records of its store, its {@link ProtocolHandler} (only in server mode, so identify
 * advertises the protocol only then), and the host's connections fed to it. Start it, give the host its handler if any,
 * close it when done.
 */
public final class HostDht implements HostListener, AutoCloseable {

    private final Host host;
    private final KadNode node;
    private final Scheduler scheduler;
    private final ProtocolHandler handler;
    private AutoCloseable subscription;

    /** A DHT on the host with these settings and records, running on the scheduler, asking identify when there is one. */
    public HostDht(Host host, KadSettings settings, RecordStore store, Scheduler scheduler, Supplier<Identify> identify) {
        this.host = host;
        this.scheduler = scheduler;
        HostNetwork network = new HostNetwork(host, settings.protocolId(), settings.requestTimeout(), scheduler, identify);
        this.node = new KadNode(host.peerId(), settings, network, store, new Validators(peer -> publicKey(store, peer)),
                scheduler);
        this.handler = new KadProtocolHandler(node, scheduler);
    }

    /** Starts the DHT's periodic work and feeds it the host's connections, those open now included. */
    public void start() {
        node.start();
        subscription = host.subscribe(this);
        host.connections().forEach(this::connected);
    }

    /** The DHT. */
    public KadNode node() {
        return node;
    }

    /** The protocol handler to register while the DHT is a server (a client refuses requests and is not advertised). */
    public ProtocolHandler handler() {
        return handler;
    }

    @Override
    public void connected(Connection connection) {
        PeerId peer = connection.remotePeer();
        scheduler.execute(() -> node.peerConnected(peer));
    }

    /** Stops hearing the host and closes the DHT. */
    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        node.close();
    }

    /** A public key known locally: from identify (the peerstore), else a {@code /pk} record of the store. */
    private Optional<PublicKey> publicKey(RecordStore store, PeerId peer) {
        Optional<PublicKey> identified = host.peerstore().get(peer).map(PeerData::publicKey);
        if (identified.isPresent()) {
            return identified;
        }
        byte[] prefix = PublicKeyValidator.PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] id = peer.bytes();
        byte[] key = new byte[prefix.length + id.length];
        System.arraycopy(prefix, 0, key, 0, prefix.length);
        System.arraycopy(id, 0, key, prefix.length, id.length);
        return store.value(key).flatMap(v -> {
            try {
                return Optional.of(PublicKey.unmarshal(v.value()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }
}
