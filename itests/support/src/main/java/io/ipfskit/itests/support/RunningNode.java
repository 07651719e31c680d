package io.ipfskit.itests.support;

import java.nio.file.Path;
import java.time.Duration;

/** A daemon started on a repo and ready, with its RPC client and peer id; closing it stops the daemon. */
public record RunningNode(Path repo, Daemon daemon, Rpc rpc, String id) implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(90);

    /** Starts {@code ipfs-kit} with the arguments (which name the repo) and waits until the daemon is ready. */
    public static RunningNode start(Path repo, String... arguments) throws Exception {
        Daemon daemon = Daemon.start(arguments);
        try {
            daemon.awaitLine("Daemon is ready", LIMIT);
            Rpc rpc = new Rpc(repo);
            return new RunningNode(repo, daemon, rpc, rpc.call("id").get("ID").asText());
        } catch (Exception | AssertionError e) {
            daemon.close();
            throw e;
        }
    }

    /** The node's first swarm address, with its peer id. */
    public String address() throws Exception {
        return rpc.call("id").get("Addresses").get(0).asText();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
