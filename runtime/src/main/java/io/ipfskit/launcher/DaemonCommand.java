package io.ipfskit.launcher;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.Multiaddr;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ipfs-kit daemon}: runs a node in the foreground until SIGTERM or Ctrl-C, then stops every bundle cleanly. */
@Command(name = "daemon", mixinStandardHelpOptions = true, description = "Runs a node in the foreground.")
final class DaemonCommand implements Callable<Integer> {

    /** Framework property holding {@code --gateway}; the gateway bundle reads the same name. */
    static final String GATEWAY_PROPERTY = "ipfskit.gateway";
    /** The file in the repo where the gateway writes its bound address, as kubo's daemon prints it. */
    static final String GATEWAY_FILE = "gateway";

    @ParentCommand
    Main parent;

    @Mixin
    RepoOption repo;

    @Option(names = "--role", paramLabel = "ROLE", description = "master, worker or leecher (default: etc/io.ipfskit.node.cfg, else worker).")
    String role;

    @Option(names = "--api", paramLabel = "MULTIADDR", description = "RPC API address (default /ip4/127.0.0.1/tcp/5001; port 0 picks a free port).")
    String api;

    @Option(names = "--gateway", paramLabel = "MULTIADDR", description = "HTTP gateway address (default /ip4/127.0.0.1/tcp/8080; port 0 picks a free port).")
    String gateway;

    @Option(names = "--swarm", paramLabel = "MULTIADDR", description = "Swarm listen address; repeat for several (default TCP and QUIC port 4001 on /ip4/0.0.0.0 and /ip6/::).")
    List<String> swarm;

    @Option(names = "--feature", paramLabel = "NAME", defaultValue = "full", description = "Bundle set to run: core or full (default ${DEFAULT-VALUE}).")
    String feature;

    @Option(names = "--profile", paramLabel = "NAME", description = "test (API and swarm on 127.0.0.1 port 0, no bootstrap "
            + "peers, loopback DHT peers: nothing leaves the machine) or default (default: $IPFSKIT_PROFILE, else default); "
            + "etc/*.cfg and the options here win over it.")
    String profile;

    @Option(names = "--bootstrap", paramLabel = "MULTIADDR", description = "Bootstrap peer (ending in /p2p/<peer id>); "
            + "repeat for several; replaces the configured list (default: etc/io.ipfskit.discovery.bootstrap.cfg, else kubo's).")
    List<String> bootstrap;

    @Option(names = "--relay", paramLabel = "MULTIADDR", description = "Static relay (ending in /p2p/<peer id>) to hold a "
            + "circuit relay v2 reservation on, advertising our /p2p-circuit address through it; repeat for several.")
    List<String> relays;


    @Option(names = "--log-level", paramLabel = "[LOGGER=]LEVEL", description = "error, warn, info, debug or trace, for every "
            + "logger or for one (e.g. io.netty=debug); repeatable (default: io.ipfskit at info, the rest at warn).")
    List<String> logLevels;

    @Option(names = "--ready-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Seconds to wait for every component to start before giving up (default ${DEFAULT-VALUE}).")
    int readyTimeout;

    @Override
    public Integer call() throws Exception {
        LogLevels logs = LogLevels.parse(logLevels == null ? List.of() : logLevels);
        if (readyTimeout < 1) {
            throw new LauncherException("--ready-timeout: must be at least 1 second, not " + readyTimeout);
        }
        Path repoPath = RepoOption.resolve(repo, parent.repo);
        Profile chosen = Profile.choose(profile, System.getenv());
        Map<String, String> properties = launchProperties(chosen.properties(repoPath.resolve("etc")));
        LogSetup.apply(logs);
        long started = System.nanoTime();
        try (RepoLock lock = RepoLock.acquire(repoPath)) {
            Files.deleteIfExists(repoPath.resolve("api"));
            Files.deleteIfExists(repoPath.resolve(GATEWAY_FILE));
            System.out.println("Initializing daemon...");
            System.out.println("ipfs-kit version: " + Distribution.version());
            System.out.println("Repo: " + repoPath);
            System.out.println("Profile: " + chosen.id() + Profile.persistedIn(repoPath.resolve("etc"))
                    .filter(persisted -> persisted != chosen)
                    .map(persisted -> ", with the " + persisted.id() + " profile's settings init wrote into etc/")
                    .orElse(""));
            System.out.println("Heap: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
            NodeRuntime runtime = NodeRuntime.start(Distribution.home(), feature, repoPath, properties, logs);
            Thread hook = new Thread(() -> {
                if (runtime.running()) {
                    System.out.println("Received interrupt signal, shutting down...");
                }
                runtime.stop();
            }, "ipfs-kit-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            runtime.awaitReady(Duration.ofSeconds(readyTimeout)).forEach(System.out::println);
            printGateway(repoPath);
            System.out.printf("Daemon is ready (%d ms)%n", (System.nanoTime() - started) / 1_000_000);
            runtime.awaitStop();
            removeAddressFiles(repoPath);
            return 0;
        }
    }

    /** The framework properties: the profile's, then those of the options given, which win. */
    private Map<String, String> launchProperties(Map<String, String> fromProfile) {
        Map<String, String> properties = new HashMap<>(fromProfile);
        properties.put(RuntimeProperties.VERSION, Distribution.version());
        if (parent.offline) {
            properties.put(RuntimeProperties.OFFLINE, "true");
        }
        if (role != null) {
            properties.put(RuntimeProperties.ROLE, parseRole(role).id());
        }
        if (api != null) {
            properties.put(RuntimeProperties.API, parseAddress("--api", api).toString());
        }
        if (gateway != null) {
            properties.put(GATEWAY_PROPERTY, parseAddress("--gateway", gateway).toString());
        }
        if (swarm != null) {
            properties.put(RuntimeProperties.SWARM,
                    String.join(",", swarm.stream().map(a -> parseAddress("--swarm", a).toString()).toList()));
        }
        if (bootstrap != null) {
            properties.put(RuntimeProperties.BOOTSTRAP,
                    String.join(",", bootstrap.stream().map(b -> parsePeerAddress("--bootstrap", b)).toList()));
        }
        if (relays != null) {
            properties.put(RuntimeProperties.RELAYS,
                    String.join(",", relays.stream().map(r -> parsePeerAddress("--relay", r)).toList()));
        }
        return properties;
    }

    private static NodeRole parseRole(String name) {
        try {
            return NodeRole.parse(name);
        } catch (IllegalArgumentException e) {
            throw new LauncherException("--role: " + e.getMessage());
        }
    }

    private static Multiaddr parseAddress(String option, String text) {
        try {
            return Multiaddr.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LauncherException(option + ": '" + text + "' is not a multiaddr: " + e.getMessage());
        }
    }

    private static String parsePeerAddress(String option, String text) {
        Multiaddr address = parseAddress(option, text);
        if (address.peerId().isEmpty()) {
            throw new LauncherException(option + ": '" + text + "' does not end in /p2p/<peer id>");
        }
        return address.toString();
    }

    private static void removeAddressFiles(Path repo) throws IOException {
        Files.deleteIfExists(repo.resolve("api"));
        Files.deleteIfExists(repo.resolve(GATEWAY_FILE));
    }

    /** kubo's start line for the gateway, once the node is ready (the feature may have none). */
    private static void printGateway(Path repo) throws IOException {
        Path file = repo.resolve(GATEWAY_FILE);
        if (Files.exists(file)) {
            System.out.println("Gateway server listening on " + Files.readString(file).trim());
        }
    }
}
