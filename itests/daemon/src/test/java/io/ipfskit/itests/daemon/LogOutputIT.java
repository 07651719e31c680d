package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start prints: kubo's lines, our log lines in one format, no third-party chatter; log levels on request. */
class LogOutputIT {

    private static final Duration START = Duration.ofSeconds(60);
    /**
     * A default start of the full feature: 5 banner lines (with the heap), 3 storage tiers joining, peer id, 4 swarm
     * lines (listening and announcing, TCP and QUIC), API, gateway (as kubo prints it), ready.
     */
    private static final int MOST_LINES = 16;
    private static final Pattern LOG_LINE = Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d (ERROR|WARN |INFO |DEBUG|TRACE) [\\w.$]+: .*");
    private static final Pattern OURS = Pattern.compile("Initializing daemon\\.\\.\\.|ipfs-kit version: .*|Repo: .*|Profile: .*|"
            + "Heap: \\d+ MiB|PeerID: .*|Swarm (listening on|announcing) .*|RPC API server listening on .*|"
            + "Gateway server listening on .*|Daemon is ready.*");

    @TempDir
    Path repo;

    @Test
    void aDefaultStartPrintsFewLinesAllOursInOneFormat() throws Exception {
        try (Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            daemon.awaitLine("Daemon is ready", START);
            List<String> lines = daemon.output().lines().toList();
            System.out.println("a default start printed " + lines.size() + " lines");
            assertTrue(lines.size() <= MOST_LINES, "at most " + MOST_LINES + " lines:\n" + String.join("\n", lines));
            for (String line : lines) {
                assertTrue(OURS.matcher(line).matches() || LOG_LINE.matcher(line).matches(), "unexpected line: " + line);
                assertTrue(!LOG_LINE.matcher(line).matches() || line.contains(" io.ipfskit."),
                        "third-party libraries stay below warn: " + line);
            }
        }
    }

    @Test
    void logLevelsCanBeRaisedPerLogger() throws Exception {
        try (Daemon daemon = Daemon.start("daemon", "--feature", "core", "--repo", repo.toString(), "--api",
                "/ip4/127.0.0.1/tcp/0", "--log-level", "io.ipfskit.rpc=debug")) {
            String debug = daemon.awaitLine(" DEBUG io.ipfskit.rpc.RpcServer: API server bound to", START);
            assertTrue(LOG_LINE.matcher(debug).matches(), debug);
            daemon.awaitLine("Daemon is ready", START);
        }
        Cli bad = Cli.run(START, "daemon", "--repo", repo.toString(), "--log-level", "loud");
        assertEquals(1, bad.exitCode(), bad.output());
        assertEquals("Error: --log-level: unknown level 'loud' (error, warn, info, debug or trace)", bad.output().trim());
    }
}
