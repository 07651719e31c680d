package io.ipfskit.launcher;

import io.ipfskit.api.node.NodeRole;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * The daemon's heap, sized from what it is configured to hold rather than from the machine (a JVM's default is a
 * quarter of it): a base for the platform, the memory tier's bytes with Ehcache's overhead, and an allowance for the
 * role's connections. {@code bin/ipfs-kit} runs it before a daemon and passes what it prints ({@code -Xmx…m}) to the
 * daemon's JVM; it prints nothing when the daemon's options cannot be read, leaving the error to the daemon itself.
 */
public final class HeapSize {

    private static final long MIB = 1024 * 1024;
    /** The platform, its bundles, Netty's heap buffers, Bitswap's and the DHT's bounded queues. */
    static final long BASE = 192 * MIB;
    /** MemoryTierConfig's default maxBytes. */
    static final long DEFAULT_MEMORY_TIER = 128 * MIB;
    /**
     * Per connection the role allows at its high-water mark: twice what an idle one holds (13.8 KiB measured by
     * benchmarks/host IdleConnections), room for one partly received Noise message.
     */
    static final long PER_CONNECTION = 32 * 1024;

    private HeapSize() {
    }

    /** Prints {@code -Xmx<N>m} for a daemon started with these arguments, or nothing. */
    public static void main(String[] args) {
        try {
            System.out.println("-Xmx" + bytes(args) / MIB + "m");
        } catch (IOException | RuntimeException e) {
            // The daemon itself reports what is wrong with its options or its repo.
        }
    }

    /** The heap for {@code ipfs-kit <args>} when args run a daemon; IllegalArgumentException otherwise. */
    static long bytes(String[] args) throws IOException {
        CommandLine line = new CommandLine(new Main());
        ParseResult parsed = line.parseArgs(args);
        if (!parsed.hasSubcommand() || !"daemon".equals(parsed.subcommand().commandSpec().name())) {
            throw new IllegalArgumentException("not a daemon");
        }
        Main main = line.getCommand();
        DaemonCommand daemon = parsed.subcommand().commandSpec().commandLine().getCommand();
        Path etc = RepoOption.resolve(daemon.repo, main.repo).resolve("etc");
        NodeRole role = NodeRole.parse(daemon.role != null ? daemon.role
                : EtcConfigurations.value(etc, "io.ipfskit.node", "role").orElse(NodeRole.WORKER.id()));
        long tier = EtcConfigurations.value(etc, "io.ipfskit.storage.tier.memory", "maxBytes").map(Long::parseLong)
                .orElse(DEFAULT_MEMORY_TIER);
        long connections = EtcConfigurations.value(etc, "io.ipfskit.host", "highWater").map(Long::parseLong)
                .filter(high -> high >= 0).orElse(highWater(role));
        return BASE + tier * 3 / 2 + connections * PER_CONNECTION;
    }

    /** The host's connection high-water mark by role (its ConnectionLimits). */
    private static long highWater(NodeRole role) {
        return switch (role) {
            case MASTER -> 400;
            case WORKER -> 200;
            case LEECHER -> 100;
        };
    }
}
