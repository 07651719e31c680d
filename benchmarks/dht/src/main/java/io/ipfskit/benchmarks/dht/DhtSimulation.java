package io.ipfskit.benchmarks.dht;

import io.ipfskit.api.discovery.PeerInfo;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.api.QueryListener;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.core.Key;
import io.ipfskit.dht.kad.sim.EventLoop;
import io.ipfskit.dht.kad.sim.SimNetwork;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the DHT's own code (routing table, lookups, server handlers, record store) on a simulated network of N nodes
 * with latency and message loss: the nodes join one bootstrap peer each, settle for a refresh period, provide keys,
 * then a share of them leaves without notice and as many new ones join (30 s to reach their bootstrap peer, no refresh
 * of the others); then random live nodes look up random live peers (FIND_NODE) and the keys' providers (GET_PROVIDERS),
 * a lookup that fails with an exception counting as a failure; and walks to the k closest nodes of random keys (what
 * provide and put use), compared with the true k closest. Prints the success, hops, latency and the requests the
 * asking node sent of each, and the heap per simulated node. Arguments: nodes (1000), churn (0.10), loss (0.01),
 * lookups (1000), seed (1).
 */
public final class DhtSimulation {

    private static final KadSettings SETTINGS = KadSettings.wan(DhtMode.SERVER, false);

    private DhtSimulation() {
    }

    /** One run; see the class comment for the arguments. */
    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double churn = args.length > 1 ? Double.parseDouble(args[1]) : 0.10;
        double loss = args.length > 2 ? Double.parseDouble(args[2]) : 0.01;
        int lookups = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 1;
        Random random = new Random(seed);
        EventLoop loop = new EventLoop(1_800_000_000_000L);
        long heapBefore = usedHeap();
        SimNetwork net = new SimNetwork(loop, seed, loss);
        long wall = System.nanoTime();

        grow(net, loop, nodes);
        long heapAfter = usedHeap();
        System.out.printf("built %,d nodes in %.1f s (%,d messages, %,d events); heap %.1f MiB, %.1f KiB per node%n",
                nodes, seconds(wall), net.messages(), loop.eventsRun(), (heapAfter - heapBefore) / 1048576.0,
                (heapAfter - heapBefore) / 1024.0 / nodes);

        List<PeerId> live = net.liveNodes();
        List<Multihash> keys = new ArrayList<>();
        for (int i = 0; i < Math.min(lookups, 500); i++) {
            Multihash key = Multihash.sha256(("content " + seed + " " + i).getBytes());
            loop.await(net.node(live.get(random.nextInt(live.size()))).provide(key, QueryListener.NONE),
                    Duration.ofMinutes(5));
            keys.add(key);
        }

        int leaving = (int) Math.round(nodes * churn);
        List<PeerId> shuffled = new ArrayList<>(live);
        java.util.Collections.shuffle(shuffled, random);
        shuffled.subList(0, leaving).forEach(net::kill);
        for (int i = 0; i < leaving; i++) {
            net.join(SETTINGS);
        }
        loop.runFor(Duration.ofSeconds(30));
        live = net.liveNodes();
        System.out.printf("churn: %,d nodes left without notice, %,d joined; %,d live%n", leaving, leaving, live.size());

        Stats findNode = new Stats("FIND_NODE");
        for (int i = 0; i < lookups; i++) {
            PeerId from = live.get(random.nextInt(live.size()));
            PeerId target;
            do {
                target = live.get(random.nextInt(live.size()));
            } while (target.equals(from));
            Probe probe = new Probe(loop);
            long messages = net.messagesSentBy(from);
            CompletableFuture<Optional<PeerInfo>> found = net.node(from).findPeer(target, QueryListener.NONE, probe::hit);
            boolean ok = loop.await(found.exceptionally(failed -> Optional.empty()), Duration.ofMinutes(10)).isPresent();
            findNode.add(ok, probe, loop.now(), net.messagesSentBy(from) - messages);
        }

        Stats getProviders = new Stats("GET_PROVIDERS");
        for (int i = 0; i < lookups; i++) {
            Multihash key = keys.get(i % keys.size());
            PeerId from = live.get(random.nextInt(live.size()));
            Probe probe = new Probe(loop);
            long messages = net.messagesSentBy(from);
            List<PeerInfo> providers = new ArrayList<>();
            loop.await(net.node(from).findProviders(key, 1, providers::add, QueryListener.NONE, probe::hit)
                    .exceptionally(failed -> null), Duration.ofMinutes(10));
            getProviders.add(!providers.isEmpty(), probe, loop.now(), net.messagesSentBy(from) - messages);
        }
        List<Long> walkTimes = new ArrayList<>();
        List<Long> walkRequests = new ArrayList<>();
        int exact = 0;
        double recall = 0;
        int walks = Math.max(1, lookups / 5);
        for (int i = 0; i < walks; i++) {
            PeerId from = live.get(random.nextInt(live.size()));
            byte[] target = Multihash.sha256(("walk " + i).getBytes()).bytes();
            Key key = Key.of(target);
            List<PeerId> truth = new ArrayList<>(live);
            truth.remove(from);
            truth.sort((a, b) -> key.compareDistance(Key.of(a), Key.of(b)));
            List<PeerId> best = truth.subList(0, SETTINGS.k());
            long start = loop.now();
            long requests = net.messagesSentBy(from);
            List<PeerId> found = loop.await(net.node(from).closestPeers(target, QueryListener.NONE)
                    .exceptionally(failed -> List.of()), Duration.ofMinutes(10)).stream().map(PeerInfo::peerId).toList();
            walkTimes.add(loop.now() - start);
            walkRequests.add(net.messagesSentBy(from) - requests);
            exact += found.equals(best) ? 1 : 0;
            recall += found.stream().filter(best::contains).count() / (double) best.size();
        }
        System.out.println(Stats.HEADER);
        System.out.println(findNode);
        System.out.println(getProviders);
        System.out.printf("closest-%d walk (what provide and put use), %d walks: exactly the true %d closest live nodes %.1f%%,"
                + " recall %.2f%%, total ms p50/p95 %d/%d, requests p50/p95 %d/%d%n", SETTINGS.k(), walks, SETTINGS.k(),
                100.0 * exact / walks, 100 * recall / walks, Stats.pct(walkTimes, 50), Stats.pct(walkTimes, 95),
                Stats.pct(walkRequests, 50), Stats.pct(walkRequests, 95));
        System.out.printf("wall time %.1f s%n", seconds(wall));
    }

    /** Joins nodes in waves of 2 % (each to one random live node), then lets a full refresh period pass. */
    private static void grow(SimNetwork net, EventLoop loop, int nodes) {
        int wave = Math.max(1, nodes / 50);
        for (int joined = 0; joined < nodes; joined += wave) {
            for (int i = 0; i < wave && joined + i < nodes; i++) {
                net.join(SETTINGS);
            }
            loop.runFor(Duration.ofSeconds(20));
        }
        loop.runFor(SETTINGS.refreshInterval().plusMinutes(1));
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** When a lookup started, and the hops and time of its first result. */
    private static final class Probe {
        final long start;
        final EventLoop loop;
        int hops = -1;
        long firstAt = -1;

        Probe(EventLoop loop) {
            this.loop = loop;
            this.start = loop.now();
        }

        void hit(int depth) {
            if (hops < 0) {
                hops = depth;
                firstAt = loop.now();
            }
        }
    }

    /** Success, hops, time to the first result, lookup duration and requests the asking node sent, of one kind of lookup. */
    private static final class Stats {
        static final String HEADER = String.format("%-14s %9s %12s %14s %16s %14s %10s", "lookup", "success",
                "hops p50/p95", "first ms p50", "first ms p95", "total ms p50/95", "requests p50/95");
        final String name;
        final List<Integer> hops = new ArrayList<>();
        final List<Long> first = new ArrayList<>();
        final List<Long> total = new ArrayList<>();
        final List<Long> messages = new ArrayList<>();
        int ok;
        int runs;

        Stats(String name) {
            this.name = name;
        }

        void add(boolean success, Probe probe, long end, long sent) {
            runs++;
            total.add(end - probe.start);
            messages.add(sent);
            if (success) {
                ok++;
                hops.add(probe.hops);
                first.add(probe.firstAt - probe.start);
            }
        }

        @Override
        public String toString() {
            return String.format("%-14s %8.1f%% %6d/%-5d %14d %16d %8d/%-6d %8d/%d", name, 100.0 * ok / runs,
                    pct(hops, 50), pct(hops, 95), pct(first, 50), pct(first, 95), pct(total, 50), pct(total, 95),
                    pct(messages, 50), pct(messages, 95));
        }

        static <T extends Comparable<T>> T pct(List<T> values, int p) {
            List<T> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.isEmpty() ? null : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100));
        }
    }
}
