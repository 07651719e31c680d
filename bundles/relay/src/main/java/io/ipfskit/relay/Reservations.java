package io.ipfskit.relay;

import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.HostListener;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.relay.wire.HopMessage;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.RelayProtocolException;
import io.ipfskit.relay.wire.Status;
import io.ipfskit.relay.wire.Voucher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Holds reservations on the static relays ({@code daemon --relay}, kubo's Swarm.RelayClient.Reservations): reserves on
 * each, checks the voucher (signed by that relay, for us, expiring when the reservation does), refreshes when three
 * quarters of its time have passed, and after a failure or a lost connection tries again with a growing delay (2 s
 * to 5 min). The relayed addresses of the reservations held now are what the node advertises.
 */
final class Reservations implements HostListener, AutoCloseable {

    static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    static final Duration LAST_RETRY = Duration.ofMinutes(5);
    private static final System.Logger LOG = System.getLogger(Reservations.class.getName());
    private static final Multiaddr CIRCUIT = Multiaddr.parse("/p2p-circuit");

    /** A reservation held on a relay until {@code expires}, reachable through {@code addresses}. */
    record Held(PeerId relay, List<Multiaddr> addresses, Instant expires) {
    }

    private final Host host;
    private final List<Multiaddr> relays;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    private final Map<PeerId, Held> held = new ConcurrentHashMap<>();
    private final Map<PeerId, Duration> retries = new ConcurrentHashMap<>();
    private final Map<PeerId, ScheduledFuture<?>> next = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile Runnable changed = () -> { };

    Reservations(Host host, List<Multiaddr> relays, ScheduledExecutorService timers, Clock clock) {
        this.host = host;
        this.relays = new CopyOnWriteArrayList<>(relays);
        this.timers = timers;
        this.clock = clock;
    }

    /** Reserves on every relay now. */
    void start() {
        relays.forEach(r -> timers.execute(() -> reserveOn(r)));
    }

    /** Starts reserving on one more relay (an address ending in /p2p/ID); false if it is one already. */
    boolean add(Multiaddr relay) {
        PeerId id = relay.peerId().orElseThrow(() -> new IllegalArgumentException(relay + " does not end in /p2p/<peer id>"));
        if (relays.stream().anyMatch(r -> r.peerId().filter(id::equals).isPresent())) {
            return false;
        }
        relays.add(relay);
        timers.execute(() -> reserveOn(relay));
        return true;
    }

    /** Stops reserving on the relay and forgets the reservation held there (it lapses at the relay). */
    void remove(PeerId relay) {
        relays.removeIf(r -> r.peerId().filter(relay::equals).isPresent());
        ScheduledFuture<?> scheduled = next.remove(relay);
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        update(() -> held.remove(relay));
    }

    /** Runs {@code listener} whenever the addresses of the reservations held change. */
    void onChange(Runnable listener) {
        changed = listener;
    }

    /** Applies a change to the reservations held and reports it if their addresses changed. */
    private void update(Runnable change) {
        List<Multiaddr> before = addresses();
        change.run();
        if (!before.equals(addresses())) {
            changed.run();
        }
    }

    /** The relays reserved on or being tried. */
    List<Multiaddr> relays() {
        return List.copyOf(relays);
    }

    /** Whether we hold an unexpired reservation on the peer. */
    boolean reservedOn(PeerId relay) {
        Held h = held.get(relay);
        return h != null && h.expires().isAfter(clock.instant());
    }

    /** Our relayed addresses ({@code <relay address>/p2p/<relay>/p2p-circuit}) through the reservations held now. */
    List<Multiaddr> addresses() {
        Instant now = clock.instant();
        List<Multiaddr> out = new ArrayList<>();
        held.values().stream().filter(h -> h.expires().isAfter(now))
                .forEach(h -> h.addresses().forEach(a -> out.add(a.withPeerId(h.relay()).encapsulate(CIRCUIT))));
        return out;
    }

    /** Reserves on one relay (an address ending in /p2p/ID); completes with the reservation held. */
    CompletionStage<Held> reserve(Multiaddr relay) {
        PeerId id = relay.peerId().orElseThrow(() -> new IllegalArgumentException(relay + " does not end in /p2p/<peer id>"));
        CompletableFuture<FirstMessage> reader = new CompletableFuture<>();
        return host.connect(relay).thenCompose(c -> c.newStream(List.of(HopService.PROTOCOL), s -> {
            FirstMessage r = new FirstMessage(s);
            reader.complete(r);
            return r;
        })).thenCompose(stream -> {
            stream.write(RelayCodec.frame(RelayCodec.encode(HopMessage.reserve())));
            stream.closeWrite();
            return reader.join().message().orTimeout(HopService.STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .thenApply(body -> accept(id, relay, stream, body));
        }).whenComplete((h, e) -> {
            if (e != null) {
                reader.thenAccept(FirstMessage::abort);
            }
        });
    }

    private Held accept(PeerId relay, Multiaddr dialled, Stream stream, byte[] body) {
        try {
            HopMessage answer = RelayCodec.decodeHop(body);
            if (answer.type() != HopMessage.Type.STATUS || answer.status() != Status.OK || answer.reservation() == null) {
                throw new RelayProtocolException("reservation refused: " + answer.status());
            }
            long expire = answer.reservation().expire();
            if (answer.reservation().voucher() == null) {
                throw new RelayProtocolException("reservation without a voucher");
            }
            Voucher voucher = Voucher.open(answer.reservation().voucher());
            if (!voucher.relay().equals(relay) || !voucher.peer().equals(host.peerId()) || voucher.expiration() != expire) {
                throw new RelayProtocolException("voucher for another relay, peer or expiration");
            }
            List<Multiaddr> addresses = answer.reservation().addresses().stream().map(Multiaddr::withoutPeerId)
                    .filter(a -> !HopService.relayed(a)).toList();
            Held h = new Held(relay, addresses.isEmpty() ? List.of(dialled.withoutPeerId()) : addresses,
                    Instant.ofEpochSecond(expire));
            update(() -> held.put(relay, h));
            return h;
        } catch (RelayProtocolException e) {
            stream.reset();
            throw new CompletionException(e);
        }
    }

    private void reserveOn(Multiaddr relay) {
        if (closed || !relays.contains(relay)) {
            return;
        }
        PeerId id = relay.peerId().orElseThrow();
        reserve(relay).whenComplete((h, e) -> {
            if (closed || !relays.contains(relay)) {
                update(() -> held.remove(id));
                return;
            }
            if (e != null) {
                Duration wait = retries.merge(id, FIRST_RETRY, (old, first) -> old.multipliedBy(2).compareTo(LAST_RETRY) > 0
                        ? LAST_RETRY : old.multipliedBy(2));
                LOG.log(System.Logger.Level.WARNING, "no reservation on relay {0} ({1}); trying again in {2} s", relay,
                        rootMessage(e), wait.toSeconds());
                schedule(relay, wait);
            } else {
                retries.remove(id);
                Duration left = Duration.between(clock.instant(), h.expires());
                LOG.log(System.Logger.Level.INFO, "reservation on relay {0} until {1}", relay, h.expires());
                schedule(relay, Duration.ofMillis(Math.max(1000, left.toMillis() * 3 / 4)));
            }
        });
    }

    /** The next attempt on the relay, replacing any scheduled one. */
    private void schedule(Multiaddr relay, Duration delay) {
        ScheduledFuture<?> previous = next.put(relay.peerId().orElseThrow(),
                timers.schedule(() -> reserveOn(relay), delay.toMillis(), TimeUnit.MILLISECONDS));
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.toString();
    }

    @Override
    public void disconnected(Connection connection) {
        PeerId peer = connection.remotePeer();
        if (held.containsKey(peer) && host.connections().stream().noneMatch(c -> c.remotePeer().equals(peer))) {
            update(() -> held.remove(peer));
            relays.stream().filter(r -> r.peerId().filter(peer::equals).isPresent()).findFirst()
                    .ifPresent(r -> schedule(r, FIRST_RETRY));
        }
    }

    @Override
    public void close() {
        closed = true;
        next.values().forEach(f -> f.cancel(false));
        held.clear();
    }
}
