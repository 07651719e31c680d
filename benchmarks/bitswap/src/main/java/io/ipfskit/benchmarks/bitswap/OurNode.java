package io.ipfskit.benchmarks.bitswap;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One of our daemons (the distribution) on loopback with ephemeral ports, and what the benchmark asks of it. */
final class OurNode implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Pattern COMPILER_CPU = Pattern.compile("(?m)^\"C[12] CompilerThread\\d+\".* cpu=([0-9.]+)ms");

    final Path repo;
    final Daemon daemon;
    final Rpc rpc;
    String id;
    /** The swarm address with {@code /p2p/<id>}. */
    String address;

    private OurNode(Path repo, Daemon daemon) {
        this.repo = repo;
        this.daemon = daemon;
        this.rpc = new Rpc(repo);
    }

    /**
     * Starts daemons on new repos under {@code parent}, all at once, and waits until each is ready. Each entry maps a
     * name to the lines of its {@code etc/} configuration files ({@code pid -> "key = value"}) and the JVM options.
     */
    static List<OurNode> start(Path parent, Map<String, Setup> nodes) throws Exception {
        List<OurNode> started = new ArrayList<>();
        for (Map.Entry<String, Setup> node : nodes.entrySet()) {
            Path repo = Files.createDirectories(parent.resolve(node.getKey()));
            Path etc = Files.createDirectories(repo.resolve("etc"));
            for (Map.Entry<String, String> cfg : node.getValue().configuration().entrySet()) {
                Files.writeString(etc.resolve(cfg.getKey() + ".cfg"), cfg.getValue() + "\n");
            }
            List<String> arguments = new ArrayList<>(List.of("daemon", "--repo", repo.toString(), "--api",
                    "/ip4/127.0.0.1/tcp/0"));
            node.getValue().swarm().forEach(address -> arguments.addAll(List.of("--swarm", address)));
            started.add(new OurNode(repo, Daemon.start(Map.of("IPFS_KIT_JAVA_OPTS", node.getValue().jvmOptions()),
                    arguments.toArray(String[]::new))));
        }
        for (OurNode node : started) {
            node.daemon.awaitLine("Daemon is ready", Duration.ofSeconds(120));
            node.id = node.rpc.call("id").get("ID").asText();
            node.address = node.rpc.call("id").get("Addresses").get(0).asText();
        }
        return started;
    }

    /** Adds a file as kubo's {@code add} does by default; returns its CID. */
    String add(Path file) throws Exception {
        return ok("add", "-Q", file.toString());
    }

    /** Bytes Bitswap received so far. */
    long dataReceived() throws Exception {
        return rpc.call("bitswap/stat").get("DataReceived").asLong();
    }

    /**
     * CPU time the JVM's JIT compiler threads spent so far (the {@code cpu=} of each "CompilerThread" in
     * {@code jcmd PID Thread.print}).
     */
    long compilerCpuNanos() throws Exception {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(daemon.pid()), "Thread.print").redirectErrorStream(true).start();
        String dump = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd Thread.print failed: " + dump);
        }
        Matcher cpu = COMPILER_CPU.matcher(dump);
        double millis = 0;
        while (cpu.find()) {
            millis += Double.parseDouble(cpu.group(1));
        }
        return (long) (millis * 1e6);
    }

    /** Connects to a swarm address. */
    void connect(String address) throws Exception {
        ok("swarm", "connect", address);
    }

    /** Stops one of the node's bundles through its shell (e.g. Noise, so that it dials over TLS). */
    void stopBundle(String symbolicName) throws Exception {
        ok("shell", "-c", "ipfs:stop " + symbolicName);
    }

    /** The security protocol of the node's one connection (swarm/peers' Security). */
    String security() throws Exception {
        return rpc.call("swarm/peers").get("Peers").get(0).get("Security").asText();
    }

    /** Reads a file through RPC {@code cat}, hashing it; returns the seconds it took (the sha256 must match). */
    double cat(String cid, String sha256) throws Exception {
        return cat(cid, sha256, Long.MAX_VALUE, () -> { });
    }

    /** As {@link #cat(String, String)}, running {@code midway} once {@code after} bytes have been read. */
    double cat(String cid, String sha256, long after, Midway midway) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = rpc.send(request(rpc, "cat?arg=" + cid)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cat answered " + response.statusCode());
        }
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream body = response.body()) {
            byte[] buffer = new byte[1 << 20];
            long read = 0;
            for (int n; (n = body.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
                if (read < after && read + n >= after) {
                    midway.run();
                }
                read += n;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String got = HexFormat.of().formatHex(digest.digest());
        if (!got.equals(sha256)) {
            throw new IllegalStateException("cat of " + cid + " gave other bytes: sha256 " + got + ", not " + sha256);
        }
        return seconds;
    }

    /** A request to the node's RPC API over HTTP/1.1, as kubo's clients send them. */
    static HttpRequest.Builder request(Rpc rpc, String commandAndQuery) throws IOException {
        return HttpRequest.newBuilder(rpc.uri(commandAndQuery)).version(HttpClient.Version.HTTP_1_1);
    }

    private String ok(String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        Cli cli = Cli.run(LIMIT, arguments.toArray(String[]::new));
        if (cli.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", verb) + " failed: " + cli.output());
        }
        return cli.output().strip();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }

    /** Something done in the middle of a transfer. */
    interface Midway {
        void run() throws Exception;
    }

    /**
     * How a node starts: {@code etc/<pid>.cfg} contents by pid, {@code IPFS_KIT_JAVA_OPTS}, and its swarm addresses
     * (the first a TCP one: {@link #address}).
     */
    record Setup(Map<String, String> configuration, String jvmOptions, List<String> swarm) {
        static final Setup DEFAULT = new Setup(Map.of(), "");
        /** Listening on QUIC as well as TCP. */
        static final Setup WITH_QUIC = new Setup(Map.of(), "", List.of("/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"));

        /** Listening on loopback TCP only. */
        Setup(Map<String, String> configuration, String jvmOptions) {
            this(configuration, jvmOptions, List.of("/ip4/127.0.0.1/tcp/0"));
        }
    }
}
