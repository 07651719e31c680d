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
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/**
 * Runs the DHT's own code (routing table, lookups, server handlers, record store) on a simulated network of N nodes
 * with latency and message loss. The nodes join one bootstrap peer each and settle for a refresh period; random nodes
 * provide keys; then a share of the nodes leaves without notice and as many new ones join (30 s to reach their bootstrap
 * peer, no refresh of the others). Then, in rounds where every live node asks one lookup at once: FIND_NODE of random
 * live peers (until the peer is named), GET_PROVIDERS of the keys (until one provider is named), and walks to the k
 * closest nodes of random keys (what provide and put use), compared with the true k closest. A lookup that fails with an exception
 * counts as a failure. Prints success, hops, latency and the requests the asking node sent, and the heap per simulated
 * node. Arguments: nodes (1000), churn (0.10), loss (0.01), lookups (1000), seed (1).
 */
public final class DhtSimulation {

    private static final KadSettings SETTINGS = KadSettings.wan(DhtMode.SERVER, false);
    private static final Duration LIMIT = Duration.ofMinutes(10);

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
        List<CompletableFuture<Void>> provides = new ArrayList<>();
        for (int i = 0; i < Math.min(lookups, 500); i++) {
            Multihash key = Multihash.sha256(("content " + seed + " " + i).getBytes());
            provides.add(net.node(live.get(random.nextInt(live.size()))).provide(key, QueryListener.NONE));
            keys.add(key);
        }
        loop.await(CompletableFuture.allOf(provides.toArray(CompletableFuture[]::new)), LIMIT);

        int leaving = (int) Math.round(nodes * churn);
        List<PeerId> shuffled = new ArrayList<>(live);
        Collections.shuffle(shuffled, random);
        shuffled.subList(0, leaving).forEach(net::kill);
        for (int i = 0; i < leaving; i++) {
            net.join(SETTINGS);
        }
        loop.runFor(Duration.ofSeconds(30));
        List<PeerId> after = net.liveNodes();
        System.out.printf("churn: %,d nodes left without notice, %,d joined; %,d live%n", leaving, leaving, after.size());

        Trials findNode = new Trials("FIND_NODE", loop, net);
        Trials getProviders = new Trials("GET_PROVIDERS", loop, net);
        Trials walk = new Trials("closest-" + SETTINGS.k() + " walk", loop, net);
        int perRound = after.size() / 3;
        for (int done = 0; done < lookups; done += perRound) {
            List<PeerId> askers = new ArrayList<>(after);
            Collections.shuffle(askers, random);
            for (int i = 0; i < Math.min(perRound, lookups - done); i++) {
                PeerId target = after.get(random.nextInt(after.size()));
                findNode.start(askers.get(i), (from, hops) -> net.node(from).findPeer(target, QueryListener.NONE, hops)
                        .thenApply(Optional::isPresent));
                Multihash key = keys.get((done + i) % keys.size());
                getProviders.start(askers.get(perRound + i), (from, hops) -> {
                    List<PeerInfo> found = new ArrayList<>();
                    return net.node(from).findProviders(key, 1, found::add, QueryListener.NONE, hops)
                            .thenApply(ended -> !found.isEmpty());
                });
                byte[] walkKey = Multihash.sha256(("walk " + seed + " " + (done + i)).getBytes()).bytes();
                PeerId from = askers.get(2 * perRound + i);
                List<PeerId> truth = closest(after, from, walkKey, SETTINGS.k());
                walk.start(from, (f, hops) -> net.node(f).closestPeers(walkKey, QueryListener.NONE)
                        .thenApply(found -> walk.recall(found.stream().map(PeerInfo::peerId).toList(), truth)));
            }
            loop.await(CompletableFuture.allOf(findNode.all(), getProviders.all(), walk.all()), LIMIT);
        }
        System.out.println(Trials.HEADER);
        System.out.println(findNode);
        System.out.println(getProviders);
        System.out.println(walk);
        System.out.printf("%s: exactly the true %d closest live nodes in %.1f%% of walks, recall %.2f%%%n", walk.name,
                SETTINGS.k(), walk.exactShare(), walk.meanRecall());
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

    private static List<PeerId> closest(List<PeerId> live, PeerId asker, byte[] key, int k) {
        Key target = Key.of(key);
        List<PeerId> sorted = new ArrayList<>(live);
        sorted.remove(asker);
        sorted.sort((a, b) -> target.compareDistance(Key.of(a), Key.of(b)));
        return List.copyOf(sorted.subList(0, k));
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

    /** One kind of lookup run from many nodes at once: success, hops, time to the first result, duration, requests. */
    private static final class Trials {
        static final String HEADER = String.format("%-16s %8s %12s %17s %17s %16s", "lookup", "success", "hops p50/p95",
                "first ms p50/p95", "total ms p50/p95", "requests p50/95");

        /** Starts one lookup from a node; the hop counter hears the depth of its first result. */
        interface Lookup {
            CompletableFuture<Boolean> run(PeerId from, IntConsumer hops);
        }

        final String name;
        final EventLoop loop;
        final SimNetwork net;
        final List<CompletableFuture<Void>> running = new ArrayList<>();
        final List<Integer> hops = new ArrayList<>();
        final List<Long> first = new ArrayList<>();
        final List<Long> total = new ArrayList<>();
        final List<Long> requests = new ArrayList<>();
        final List<Double> recalls = new ArrayList<>();
        int ok;
        int runs;

        Trials(String name, EventLoop loop, SimNetwork net) {
            this.name = name;
            this.loop = loop;
            this.net = net;
        }

        void start(PeerId from, Lookup lookup) {
            long start = loop.now();
            long sent = net.messagesSentBy(from);
            long[] firstAt = {-1};
            int[] depth = {-1};
            CompletableFuture<Boolean> result;
            try {
                result = lookup.run(from, d -> {
                    if (depth[0] < 0) {
                        depth[0] = d;
                        firstAt[0] = loop.now();
                    }
                });
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            running.add(result.exceptionally(failed -> false).thenAccept(success -> {
                runs++;
                total.add(loop.now() - start);
                requests.add(net.messagesSentBy(from) - sent);
                if (success) {
                    ok++;
                    if (depth[0] >= 0) {
                        hops.add(depth[0]);
                        first.add(firstAt[0] - start);
                    }
                }
            }));
        }

        /** Whether the walk found exactly the true k closest; records the share of them it found. */
        boolean recall(List<PeerId> found, List<PeerId> truth) {
            recalls.add(found.stream().filter(truth::contains).count() / (double) truth.size());
            return found.equals(truth);
        }

        CompletableFuture<Void> all() {
            return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        }

        double exactShare() {
            return 100.0 * ok / Math.max(1, runs);
        }

        double meanRecall() {
            return 100 * recalls.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }

        @Override
        public String toString() {
            return String.format("%-16s %7.1f%% %12s %17s %17s %16s", name, exactShare(), pair(hops), pair(first),
                    pair(total), pair(requests));
        }

        private static <T extends Comparable<T>> String pair(List<T> values) {
            if (values.isEmpty()) {
                return "-";
            }
            List<T> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2) + "/" + sorted.get(Math.min(sorted.size() - 1, sorted.size() * 95 / 100));
        }
    }
}
