package io.ipfskit.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit id [PEER]}: the running node's identity (or a known peer's), as JSON. */
@Command(name = "id", mixinStandardHelpOptions = true, description = "Shows the identity of the running node, or of a peer it knows.")
final class IdCommand extends ClientVerb {

    @Parameters(arity = "0..1", paramLabel = "PEER", description = "Peer id (default: this node).")
    String peer;

    @Override
    public Integer call() {
        ApiClient client = client();
        System.out.println(ApiClient.pretty(peer == null ? client.call("id") : client.call("id", peer)));
        return 0;
    }
}
