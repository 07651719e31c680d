package io.ipfskit.launcher;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit ping PEER}: pings a peer through the running node, printing what {@code ipfs ping} prints. */
@Command(name = "ping", mixinStandardHelpOptions = true, description = "Pings a peer (peer id or multiaddr ending in /p2p/<id>).")
final class PingCommand extends ClientVerb {

    @Parameters(paramLabel = "PEER", description = "Peer id, or a multiaddr ending in /p2p/<peer id>.")
    String peer;

    @Option(names = {"-n", "--count"}, defaultValue = "10", description = "Number of pings (default ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new LauncherException("--count must be at least 1");
        }
        boolean[] failed = {false};
        ApiClient client = client();
        client.stream("ping", Map.of("count", Integer.toString(count)), line -> {
            String text = line.path("Text").asText();
            System.out.println(text.isEmpty()
                    ? String.format("Pong received: time=%.2f ms", line.path("Time").asLong() / 1e6) : text);
            failed[0] |= !line.path("Success").asBoolean(true);
        }, peer);
        return failed[0] ? 1 : 0;
    }
}
