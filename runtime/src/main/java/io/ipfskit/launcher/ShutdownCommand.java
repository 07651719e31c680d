package io.ipfskit.launcher;

import picocli.CommandLine.Command;

/** {@code ipfs-kit shutdown}: asks the running node to stop, as {@code ipfs shutdown} does. */
@Command(name = "shutdown", mixinStandardHelpOptions = true, description = "Stops the running node.")
final class ShutdownCommand extends ClientVerb {

    @Override
    public Integer call() {
        client().call("shutdown");
        return 0;
    }
}
