package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit id [-f FORMAT] [PEER]}: the running node's identity (or a known peer's), as JSON or kubo's format. */
@Command(name = "id", mixinStandardHelpOptions = true, description = "Shows the identity of the running node, or of a peer it knows.")
final class IdCommand extends ClientVerb {

    @Parameters(arity = "0..1", paramLabel = "PEER", description = "Peer id (default: this node).")
    String peer;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", description = "kubo's format: <id> <aver> <pubkey> "
            + "<addrs> <protocols> (lists one per line), \\n and \\t.")
    String format;

    @Override
    public Integer call() {
        ApiClient client = client();
        JsonNode id = peer == null ? client.call("id") : client.call("id", peer);
        System.out.print(format == null ? ApiClient.pretty(id) + System.lineSeparator() : format(format, id));
        return 0;
    }

    /** kubo's {@code ipfs id -f}: each token replaced by the reply's field, lists joined by newlines, no newline added. */
    static String format(String format, JsonNode id) {
        return format.replace("<id>", id.path("ID").asText()).replace("<aver>", id.path("AgentVersion").asText())
                .replace("<pubkey>", id.path("PublicKey").asText())
                .replace("<addrs>", lines(id.path("Addresses"))).replace("<protocols>", lines(id.path("Protocols")))
                .replace("\\n", "\n").replace("\\t", "\t");
    }

    private static String lines(JsonNode list) {
        List<String> lines = new ArrayList<>();
        list.forEach(value -> lines.add(value.asText()));
        return String.join("\n", lines);
    }
}
