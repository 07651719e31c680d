package io.ipfskit.itests.support;

import java.time.Duration;

/** One finished {@code bin/ipfs-kit} run: its exit code and its merged output. */
public record Cli(int exitCode, String output) {

    /** Runs the command to its end within the timeout. */
    public static Cli run(Duration timeout, String... arguments) throws Exception {
        try (Daemon process = Daemon.start(arguments)) {
            int code = process.awaitExit(timeout);
            return new Cli(code, process.output());
        }
    }
}
