package io.ipfskit.launcher;

import io.ipfskit.api.node.RuntimeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A named set of settings the daemon starts with, as kubo's configuration profiles: each setting is a framework
 * property standing for one configuration key, applied unless the repo's {@code etc/<pid>.cfg} sets that key (the
 * operator's file wins) or an explicit option ({@code --api}, {@code --gateway}, {@code --swarm}, {@code --bootstrap})
 * replaces it.
 */
enum Profile {

    /** kubo's defaults: the bundles' own configuration (the public bootstrap list, swarm on every interface). */
    DEFAULT(List.of()),

    /**
     * kubo's {@code test} profile: nothing leaves the machine. The API, the gateway and the swarm (TCP and QUIC)
     * on 127.0.0.1 port 0, no bootstrap peers, loopback peers kept by the public DHT, mDNS off.
     */
    TEST(List.of(
            new Setting(RuntimeProperties.API, "io.ipfskit.rpc", "address", "/ip4/127.0.0.1/tcp/0"),
            new Setting(DaemonCommand.GATEWAY_PROPERTY, "io.ipfskit.gateway", "address", "/ip4/127.0.0.1/tcp/0"),
            new Setting(RuntimeProperties.SWARM, "io.ipfskit.host", "listen",
                    "/ip4/127.0.0.1/tcp/0,/ip4/127.0.0.1/udp/0/quic-v1"),
            new Setting(RuntimeProperties.BOOTSTRAP, "io.ipfskit.discovery.bootstrap", "peers", ""),
            new Setting(RuntimeProperties.DHT_ACCEPT_PRIVATE_ADDRESSES, "io.ipfskit.dht.kad", "acceptPrivateAddresses",
                    "true"),
            new Setting(RuntimeProperties.MDNS, "io.ipfskit.discovery.mdns", "enabled", "false")));

    /** The comment {@link #persist} writes before a profile's settings, followed by its name. */
    private static final String MARKER = "# profile ";

    /** The environment variable naming the profile when {@code --profile} is absent. */
    static final String ENVIRONMENT = "IPFSKIT_PROFILE";

    /** A framework property and the configuration key it stands for. */
    record Setting(String property, String pid, String key, String value) {
    }

    private final List<Setting> settings;

    Profile(List<Setting> settings) {
        this.settings = settings;
    }

    /** The lower-case name used on the command line. */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile named by the option, else by {@code IPFSKIT_PROFILE} in the environment, else {@link #DEFAULT}. */
    static Profile choose(String option, Map<String, String> environment) {
        if (option != null) {
            return parse("--profile", option);
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        return fromEnvironment == null || fromEnvironment.isBlank() ? DEFAULT : parse(ENVIRONMENT, fromEnvironment);
    }

    private static Profile parse(String source, String name) {
        for (Profile profile : values()) {
            if (profile.id().equalsIgnoreCase(name.trim())) {
                return profile;
            }
        }
        throw new LauncherException(source + ": unknown profile '" + name + "' (expected test or default)");
    }

    /**
     * Writes this profile's settings into the repo's {@code etc/<pid>.cfg} files, as kubo's {@code init --profile}
     * writes its config, leaving every key a file already sets as it is; returns the files changed.
     */
    List<Path> persist(Path etc) throws IOException {
        Map<Path, StringBuilder> additions = new LinkedHashMap<>();
        for (Setting setting : settings) {
            if (!EtcConfigurations.keys(etc, setting.pid).contains(setting.key)) {
                additions.computeIfAbsent(etc.resolve(setting.pid + ".cfg"), file -> new StringBuilder())
                        .append(setting.key).append(" = ").append(setting.value).append('\n');
            }
        }
        for (Map.Entry<Path, StringBuilder> file : additions.entrySet()) {
            String before = Files.exists(file.getKey()) ? Files.readString(file.getKey()) : "";
            String separator = before.isEmpty() || before.endsWith("\n") ? "" : "\n";
            Files.writeString(file.getKey(), before + separator + MARKER + id() + "\n" + file.getValue());
        }
        return List.copyOf(additions.keySet());
    }

    /** The profile {@link #persist} wrote into the repo's {@code etc/} (its marker line in a {@code .cfg} file), if any. */
    static Optional<Profile> persistedIn(Path etc) throws IOException {
        if (!Files.isDirectory(etc)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(etc)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".cfg")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    for (Profile profile : values()) {
                        if (line.strip().equals(MARKER + profile.id())) {
                            return Optional.of(profile);
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The framework properties of this profile, leaving out the keys the repo's {@code etc/*.cfg} files set. */
    Map<String, String> properties(Path etc) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        for (Setting setting : settings) {
            Set<String> configured = EtcConfigurations.keys(etc, setting.pid);
            if (!configured.contains(setting.key)) {
                properties.put(setting.property, setting.value);
            }
        }
        return properties;
    }
}
