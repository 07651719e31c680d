package io.ipfskit.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Client verbs of {@code bin/ipfs-kit} run behind a command prefix (e.g. {@code ip netns exec NAME}), for daemons in a
 * network namespace whose API listens on that namespace's loopback.
 */
public final class PrefixedCli {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);

    private PrefixedCli() {
    }

    /** Runs a verb on the repo's daemon, which must succeed within 90 s; its output, stripped. */
    public static String text(List<String> prefix, Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        try (Daemon cli = Daemon.start(prefix, Map.of(), arguments.toArray(String[]::new))) {
            int exit = cli.awaitExit(LIMIT);
            String output = cli.output();
            if (exit != 0) {
                throw new AssertionError(String.join(" ", verb) + " behind " + prefix + " exited " + exit + ": " + output);
            }
            return output.strip();
        }
    }

    /** Runs a verb with {@code --enc=json}; its JSON replies, one per line. */
    public static List<JsonNode> json(List<String> prefix, Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--enc=json"));
        arguments.addAll(List.of(verb));
        List<JsonNode> values = new ArrayList<>();
        for (String line : text(prefix, repo, arguments.toArray(String[]::new)).split("\n")) {
            if (line.startsWith("{")) {
                values.add(JSON.readTree(line));
            }
        }
        return values;
    }
}
