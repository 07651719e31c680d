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

    /** Runs the command with these bytes on its standard input, to its end within the timeout. */
    public static Cli withInput(byte[] input, Duration timeout, String... arguments) throws Exception {
        try (Daemon process = Daemon.start(arguments)) {
            try (java.io.OutputStream stdin = process.stdin()) {
                stdin.write(input);
            }
            int code = process.awaitExit(timeout);
            return new Cli(code, process.output());
        }
    }
}
