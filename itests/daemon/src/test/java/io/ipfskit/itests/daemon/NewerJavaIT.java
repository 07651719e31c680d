package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipfskit.itests.support.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution on the newest JDK of the machine (a Temurin 21 or later in {@code /usr/lib/jvm}, or the one named
 * by {@code -Dipfskit.itest.newerJava}): the daemon starts on it, with every bundle and without the JVM's warnings, and
 * adds and reads a file.
 */
class NewerJavaIT {

    @TempDir
    Path temp;

    @Test
    void daemonRunsOnTheNewestJdk() throws Exception {
        Optional<Path> javaHome = newerJava();
        assumeTrue(javaHome.isPresent(), "no JDK 21+ on this machine");
        Path repo = temp.resolve("repo");
        try (Daemon daemon = Daemon.start(Map.of("JAVA_HOME", javaHome.get().toString()), "daemon", "--repo",
                repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm", "/ip4/127.0.0.1/tcp/0")) {
            daemon.awaitLine("Daemon is ready", Duration.ofSeconds(90));
            assertFalse(daemon.output().contains("WARNING:"), "no JVM warnings (sun.misc.Unsafe, native access) on "
                    + javaHome.get() + ":\n" + daemon.output());
            assertEquals(javaHome.get().resolve("bin/java").toRealPath(),
                    Path.of("/proc", Long.toString(daemon.pid()), "exe").toRealPath(), "the daemon's JVM");
            byte[] content = new byte[700_000];
            new Random(25).nextBytes(content);
            Path file = Files.write(temp.resolve("file.bin"), content);
            String cid = BitswapIT.ok(repo, "add", "-Q", file.toString());
            Path copy = temp.resolve("copy.bin");
            BitswapIT.ok(repo, "cat", "-o", copy.toString(), cid);
            assertEquals(-1L, Files.mismatch(file, copy));
        }
    }

    private static Optional<Path> newerJava() throws IOException {
        String named = System.getProperty("ipfskit.itest.newerJava", "");
        if (!named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.filter(home -> home.getFileName().toString().matches("temurin-(2[1-9]|[3-9]\\d)-.*"))
                    .filter(home -> Files.isExecutable(home.resolve("bin/java")))
                    .max(Comparator.comparing(Path::toString));
        }
    }
}
