package io.ipfskit.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ipfs-kit id [PEER]}: the running node's identity (or a known peer's), as JSON. */
@Command(name = "id", mixinStandardHelpOptions = true, description = "Shows the identity of the running node, or of a peer it knows.")
final class IdCommand implements Callable<Integer> {

    @ParentCommand
    Main parent;

    @Mixin
    RepoOption repo;

    @Parameters(arity = "0..1", paramLabel = "PEER", description = "Peer id (default: this node).")
    String peer;

    @Override
    public Integer call() {
        ApiClient client = ApiClient.forRepo(RepoOption.resolve(repo, parent.repo));
        System.out.println(ApiClient.pretty(peer == null ? client.call("id") : client.call("id", peer)));
        return 0;
    }
}
