package io.ipfskit.protocol.identify;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.net.Identify;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import io.ipfskit.multiformats.Varint;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Identifies every newly connected peer, answers what the identify handlers need (our message), stores what peers
 * tell about themselves in the peerstore, and pushes our new protocol list to connected peers when it changes. As a
 * component it registers both handlers itself, so no service depends back on it through the host.
 */
@Component(service = {Identify.class, IdentifyService.class}, immediate = true)
public final class IdentifyService implements Identify, HostListener {

    /** The protocol id of identify. */
    public static final String PROTOCOL = "/ipfs/id/1.0.0";
    /** How long a push waits for more changes to send with it. */
    static final long PUSH_DELAY_MS = 100;

    /** The protocol id of identify push. */
    public static final String PUSH = "/ipfs/id/push/1.0.0";
    /** The protocol version we announce. */
    public static final String PROTOCOL_VERSION = "ipfs/0.1.0";
    /**
     * The service property of the {@code Supplier<List<Multiaddr>>} this component registers: our addresses as peers
     * observe them, confirmed ({@link ObservedAddresses}); filter {@code (ipfskit.addresses=observed)}.
     */
    public static final String ADDRESSES = "ipfskit.addresses";
    private static final System.Logger LOG = System.getLogger(IdentifyService.class.getName());
    private static final long TIMEOUT_SECONDS = 10;

    private final Host host;
    private final Node node;
    private final AutoCloseable subscription;
    private final List<ServiceRegistration<ProtocolHandler>> registrations = new ArrayList<>();
    private final Map<PeerId, CompletableFuture<PeerData>> inFlight = new ConcurrentHashMap<>();
    /** The newest signed record sequence number applied per connected peer. */
    private final Map<PeerId, Long> recordSeqs = new ConcurrentHashMap<>();
    private final ObservedAddresses observed = new ObservedAddresses();
    private ServiceRegistration<?> observedRegistration;
    private long seq;
    /** Sends pushes: a burst of changes (a bundle registering its handlers) becomes one push of the final state. */
    private final ScheduledExecutorService pushes = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ipfskit-identify-push");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pushScheduled = new AtomicBoolean();

    /** Subscribes to the host's connection and protocol events; outside OSGi give the host both handlers by hand. */
    public IdentifyService(Host host, Node node) {
        this.host = host;
        this.node = node;
        this.subscription = host.subscribe(this);
    }

    /**
     * The OSGi component: also registers {@link IdentifyHandler} and {@link IdentifyPushHandler}. Were they components
     * referencing this one, SCR would meet the cycle Identify, Host, ProtocolHandler, Identify whenever the host
     * activated while this component did (a restart of the node or the host) and leave both handlers failed.
     */
    @Activate
    public IdentifyService(@Reference Host host, @Reference Node node, BundleContext context) {
        this(host, node);
        registrations.add(register(context, new IdentifyHandler(this), PROTOCOL));
        registrations.add(register(context, new IdentifyPushHandler(this), PUSH));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ADDRESSES, "observed");
        Supplier<List<Multiaddr>> observedAddresses = this::observedAddresses;
        observedRegistration = context.registerService(Supplier.class, observedAddresses, properties);
    }

    /** Our addresses as peers observe them on direct connections, confirmed (most recently observed first). */
    public List<Multiaddr> observedAddresses() {
        return observed.confirmed(Instant.now());
    }

    private static ServiceRegistration<ProtocolHandler> register(BundleContext context, ProtocolHandler handler,
            String protocol) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ProtocolHandler.PROTOCOL_ID, protocol);
        return context.registerService(ProtocolHandler.class, handler, properties);
    }

    /** Unregisters the handlers and stops listening to the host. */
    @Deactivate
    public void close() throws Exception {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
        if (observedRegistration != null) {
            observedRegistration.unregister();
        }
        subscription.close();
        pushes.shutdownNow();
    }

    /** Runs identify, sharing one run among concurrent callers (peers allow one identify stream at a time). */
    @Override
    public CompletionStage<PeerData> identify(PeerId peer) {
        CompletableFuture<PeerData> fresh = new CompletableFuture<>();
        CompletableFuture<PeerData> running = inFlight.putIfAbsent(peer, fresh);
        if (running != null) {
            return running;
        }
        AtomicReference<MessageReader> reader = new AtomicReference<>();
        host.newStream(peer, List.of(PROTOCOL), stream -> {
            reader.set(new MessageReader(stream));
            return reader.get();
        }).thenCompose(stream -> reader.get().message).thenApply(bytes -> learn(peer, bytes, false))
                .toCompletableFuture().orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .whenComplete((data, error) -> {
                    inFlight.remove(peer, fresh);
                    if (error != null) {
                        fresh.completeExceptionally(error);
                    } else {
                        fresh.complete(data);
                    }
                });
        return fresh;
    }

    /** Whether the record sequence number is the peer's newest yet (and remembers it while the peer is connected). */
    private boolean newest(PeerId peer, long seq) {
        boolean[] newer = {false};
        recordSeqs.compute(peer, (p, last) -> {
            newer[0] = last == null || seq > last;
            return newer[0] ? Long.valueOf(seq) : last;
        });
        return newer[0];
    }

    @Override
    public void disconnected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (host.connections().stream().noneMatch(c -> c.remotePeer().equals(peer))) {
            recordSeqs.remove(peer);
        }
    }

    @Override
    public void connected(Connection connection) {
        identify(connection.remotePeer()).whenComplete((data, error) -> {
            if (error != null) {
                LOG.log(System.Logger.Level.DEBUG, "identify of {0} failed: {1}", connection.remotePeer(), error.toString());
            }
        });
    }

    @Override
    public void protocolsChanged(Set<String> protocols) {
        push();
    }

    @Override
    public void listenAddressesChanged(List<Multiaddr> addresses) {
        push();
    }

    /**
     * Schedules a push {@link #PUSH_DELAY_MS} from now unless one is scheduled already, as go-libp2p coalesces them:
     * the changes of a burst reach peers in one message of the final state, not in several racing streams.
     */
    private void push() {
        if (pushScheduled.compareAndSet(false, true)) {
            try {
                pushes.schedule(() -> {
                    pushScheduled.set(false);
                    pushNow();
                }, PUSH_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                pushScheduled.set(false);
            }
        }
    }

    /** Sends our identify message, as it is now, to every connected peer. */
    private void pushNow() {
        byte[] message = framed(message(null));
        Set<PeerId> peers = new LinkedHashSet<>();
        host.connections().forEach(c -> peers.add(c.remotePeer()));
        for (PeerId peer : peers) {
            host.newStream(peer, List.of(PUSH), MessageReader::new).thenAccept(s -> {
                s.write(message);
                s.closeWrite();
            });
        }
    }

    /**
     * Our identify message, with the observed address of the given peer's connection when known. Protocols, addresses
     * and the record's sequence number are taken together, so a later message always says what is newer.
     */
    byte[] message(PeerId remote) {
        List<Multiaddr> addresses;
        List<String> protocols;
        long seq;
        synchronized (this) {
            addresses = host.listenAddresses();
            protocols = List.copyOf(host.protocols());
            seq = nextSeq();
        }
        byte[] observed = remote == null ? null : host.connections().stream().filter(c -> c.remotePeer().equals(remote))
                .findFirst().map(c -> c.remoteAddress().bytes()).orElse(null);
        return new IdentifyMessage(node.publicKey().marshal(), addresses.stream().map(Multiaddr::bytes).toList(),
                protocols, observed, PROTOCOL_VERSION, node.agentVersion(), PeerRecords.seal(node, seq, addresses)).encode();
    }

    private synchronized long nextSeq() {
        seq = Math.max(seq + 1, System.currentTimeMillis());
        return seq;
    }

    /** Keeps what the peer observes of us, attributed to our direct connection to it (relayed ones observe the relay). */
    private void remember(PeerId peer, byte[] address) {
        Multiaddr seen;
        try {
            seen = Multiaddr.decode(address);
        } catch (IllegalArgumentException e) {
            return;
        }
        host.connections().stream().filter(c -> c.remotePeer().equals(peer))
                .filter(c -> c.remoteAddress().valueOf(Protocol.P2P_CIRCUIT).isEmpty())
                .flatMap(c -> c.remoteAddress().toSocketAddress().filter(s -> !s.isUnresolved()).stream()
                        .map(s -> Map.entry(c, s.getAddress())))
                .findFirst()
                .ifPresent(e -> observed.observed(seen, e.getKey().localAddress(), e.getValue(), host.listenAddresses(),
                        Instant.now()));
    }

    /** Prefixes a message with its varint length. */
    static byte[] framed(byte[] message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Varint.encode(message.length));
        out.writeBytes(message);
        return out.toByteArray();
    }

    /**
     * Stores what the peer said about itself; a push only replaces the fields it carries, and a verified signed peer
     * record always carries the addresses (none, when the peer stopped listening). A message whose record is older than
     * one applied already is ignored: pushes travel on streams of their own and may arrive out of order.
     */
    PeerData learn(PeerId peer, byte[] bytes, boolean push) {
        IdentifyMessage m;
        try {
            m = IdentifyMessage.decode(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed identify message from " + peer + ": " + e.getMessage(), e);
        }
        PublicKey key = m.publicKey() == null ? null : PublicKey.unmarshal(m.publicKey());
        if (key != null && !peer.matches(key)) {
            throw new IllegalArgumentException("identify from " + peer + " carries the key of another peer");
        }
        Optional<PeerRecords.Verified> record = m.signedPeerRecord() == null ? Optional.empty()
                : PeerRecords.open(m.signedPeerRecord()).filter(r -> r.peer().equals(peer));
        if (record.isPresent() && !newest(peer, record.get().seq())) {
            LOG.log(System.Logger.Level.DEBUG, "ignoring an identify message from {0} older than one already applied", peer);
            return host.peerstore().get(peer).orElseThrow();
        }
        Optional<List<Multiaddr>> signed = record.map(PeerRecords.Verified::addresses);
        List<Multiaddr> addresses = signed.orElse(List.of());
        if (signed.isEmpty()) {
            List<Multiaddr> plain = new ArrayList<>();
            for (byte[] a : m.listenAddrs()) {
                try {
                    plain.add(Multiaddr.decode(a));
                } catch (IllegalArgumentException ignored) {
                    LOG.log(System.Logger.Level.DEBUG, "{0} lists an undecodable address", peer);
                }
            }
            addresses = plain;
        }
        if (!push && m.observedAddr() != null) {
            remember(peer, m.observedAddr());
        }
        List<Multiaddr> finalAddresses = addresses;
        host.peerstore().update(peer, d -> {
            PeerData out = d;
            if (!finalAddresses.isEmpty() || !push || signed.isPresent()) {
                out = out.withAddresses(finalAddresses);
            }
            if (!m.protocols().isEmpty() || !push) {
                out = out.withProtocols(Set.copyOf(m.protocols()));
            }
            return out.withIdentity(key != null ? key : d.publicKey(),
                    m.agentVersion() != null ? m.agentVersion() : d.agentVersion(),
                    m.protocolVersion() != null ? m.protocolVersion() : d.protocolVersion());
        });
        return host.peerstore().get(peer).orElseThrow();
    }
}
