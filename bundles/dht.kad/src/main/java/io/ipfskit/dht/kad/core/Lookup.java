package io.ipfskit.dht.kad.core;

import io.ipfskit.dht.kad.wire.WirePeer;
import io.ipfskit.multiformats.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * One iterative Kademlia lookup, as libp2p's kad-dht spec and go-libp2p-kad-dht run it: starting from the closest peers
 * of our table, at most α requests in flight to the closest peers heard of and not yet asked; each answer's closer peers
 * (the first 2k, those {@code admit} lets in) join the candidates; the walk ends when the β closest peers not found
 * unreachable have all answered, or when no candidate is left. Then the follow-up asks the k closest candidates not
 * found unreachable that were not asked yet, until all k have answered (the spec's rule: one that fails lets the next
 * in, and a closer peer named meanwhile joins them). It also ends at its deadline, or as soon as {@link #stop} is
 * called. Candidates are bounded (the
 * farthest not yet asked are dropped), so no answer can grow it without bound. Every state change runs on the
 * scheduler; the result names the k closest peers that answered.
 */
public final class Lookup {

    /** A peer's state in the lookup. */
    enum State { HEARD, WAITING, QUERIED, UNREACHABLE }

    /** The lookup's parameters: k results, α in flight, the β closest must have answered, and its bounds. */
    public record Params(int k, int alpha, int beta, int maxCandidates) {
        /** go's and the spec's: k = 20, α = 10, β = 3, and 10k candidates. */
        public static final Params DEFAULT = new Params(20, 10, 3, 200);
    }

    /** What the lookup asks of a peer: the closer peers it names (the caller handles anything else in the answer). */
    @FunctionalInterface
    public interface Ask {
        /** Asks the peer, heard at {@code depth} hops from us (1 for our own table's peers). */
        CompletionStage<List<WirePeer>> ask(PeerId peer, int depth);
    }

    /**
     * How a lookup ended: the k closest peers that answered (closest first), whether the walk reached its own end
     * (rather than its deadline or a stop), and the hop depth at which each answering peer was heard of.
     */
    public record Result(List<PeerId> closest, boolean completed, Map<PeerId, Integer> depths) {
    }

    private final PeerId self;
    private final Key target;
    private final Params params;
    private final Scheduler scheduler;
    private final Ask ask;
    private final Predicate<WirePeer> admit;
    private final Map<PeerId, Candidate> known = new HashMap<>();
    private final TreeSet<Candidate> candidates;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private int waiting;
    private boolean followingUp;
    private boolean stopped;

    /** A lookup of the target; {@code admit} decides which peers heard of become candidates (and may learn them). */
    public Lookup(PeerId self, Key target, Params params, Scheduler scheduler, Ask ask, Predicate<WirePeer> admit) {
        this.self = self;
        this.target = target;
        this.params = params;
        this.scheduler = scheduler;
        this.ask = ask;
        this.admit = admit;
        this.candidates = new TreeSet<>((a, b) -> target.compareDistance(a.key, b.key));
    }

    /**
     * Starts from the seeds (our table's closest peers) and completes when the lookup ends; fails at once without seeds.
     * Cancelling the returned future stops the lookup.
     */
    public CompletableFuture<Result> run(List<PeerId> seeds, Duration timeout) {
        if (seeds.isEmpty()) {
            result.completeExceptionally(new IllegalStateException("no peers in the routing table"));
            return result;
        }
        Scheduler.Cancellable deadline = scheduler.schedule(timeout, this::stop);
        result.whenComplete((r, e) -> {
            deadline.cancel();
            if (e != null) {
                stop();
            }
        });
        synchronized (this) {
            for (PeerId seed : seeds) {
                hear(seed, 1);
            }
        }
        scheduler.execute(this::advance);
        return result;
    }

    /** Ends the lookup with what it has (its deadline, a caller that has enough). */
    public void stop() {
        synchronized (this) {
            stopped = true;
        }
        scheduler.execute(this::advance);
    }

    private void hear(PeerId peer, int depth) {
        if (peer.equals(self) || known.containsKey(peer)) {
            return;
        }
        Candidate c = new Candidate(peer, Key.of(peer), depth);
        known.put(peer, c);
        candidates.add(c);
        if (candidates.size() > params.maxCandidates()) {
            Iterator<Candidate> farthest = candidates.descendingIterator();
            while (candidates.size() > params.maxCandidates() && farthest.hasNext()) {
                if (farthest.next().state == State.HEARD) {
                    farthest.remove();
                }
            }
        }
    }

    private void advance() {
        List<Candidate> toAsk = new ArrayList<>();
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            if (stopped) {
                finish(false);
                return;
            }
            if (!followingUp && betaClosestAnswered()) {
                followingUp = true;
            }
            if (followingUp) {
                if (!followUp(toAsk)) {
                    finish(true);
                    return;
                }
            } else if (waiting == 0 && candidates.stream().noneMatch(c -> c.state == State.HEARD)) {
                finish(true);
                return;
            } else {
                for (Candidate c : candidates) {
                    if (waiting + toAsk.size() >= params.alpha()) {
                        break;
                    }
                    if (c.state == State.HEARD) {
                        toAsk.add(c);
                    }
                }
            }
            for (Candidate c : toAsk) {
                c.state = State.WAITING;
                waiting++;
            }
        }
        toAsk.forEach(this::query);
    }

    private boolean betaClosestAnswered() {
        int seen = 0;
        for (Candidate c : candidates) {
            if (c.state == State.UNREACHABLE) {
                continue;
            }
            if (c.state != State.QUERIED) {
                return false;
            }
            if (++seen == params.beta()) {
                return true;
            }
        }
        return seen > 0;
    }

    /**
     * The follow-up: asks every one of the k closest candidates not found unreachable that was not asked yet (so one
     * that fails lets the next closest in); false once all of them have answered.
     */
    private boolean followUp(List<Candidate> toAsk) {
        int seen = 0;
        boolean pending = false;
        for (Candidate c : candidates) {
            if (seen == params.k()) {
                break;
            }
            if (c.state == State.UNREACHABLE) {
                continue;
            }
            seen++;
            if (c.state == State.HEARD) {
                toAsk.add(c);
            }
            pending |= c.state != State.QUERIED;
        }
        return pending;
    }

    private void query(Candidate c) {
        CompletionStage<List<WirePeer>> answer;
        try {
            answer = ask.ask(c.peer, c.depth);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((closer, error) -> scheduler.execute(() -> answered(c, error == null ? closer : null)));
    }

    private void answered(Candidate c, List<WirePeer> closer) {
        List<WirePeer> admitted = new ArrayList<>();
        boolean running;
        synchronized (this) {
            running = !result.isDone();
        }
        if (closer != null && running) {
            for (WirePeer p : closer.subList(0, Math.min(closer.size(), 2 * params.k()))) {
                if (!p.id().equals(self) && admit.test(p)) {
                    admitted.add(p);
                }
            }
        }
        synchronized (this) {
            waiting--;
            c.state = closer == null ? State.UNREACHABLE : State.QUERIED;
            admitted.forEach(p -> hear(p.id(), c.depth + 1));
        }
        advance();
    }

    private void finish(boolean completed) {
        List<PeerId> closest = new ArrayList<>();
        Map<PeerId, Integer> depths = new HashMap<>();
        for (Candidate c : candidates) {
            if (c.state == State.QUERIED) {
                depths.put(c.peer, c.depth);
                if (closest.size() < params.k()) {
                    closest.add(c.peer);
                }
            }
        }
        result.complete(new Result(List.copyOf(closest), completed, Map.copyOf(depths)));
    }

    /** A peer heard of, at the depth of the answer that named it. */
    private static final class Candidate {
        final PeerId peer;
        final Key key;
        final int depth;
        State state = State.HEARD;

        Candidate(PeerId peer, Key key, int depth) {
            this.peer = peer;
            this.key = key;
            this.depth = depth;
        }
    }
}
