package io.ipfskit.api.admin;

import java.io.IOException;

/**
 * One command of the HTTP RPC API, served at {@code POST /api/v0/<name>}: register it as a service with
 * {@link #NAME} set; it is served while registered.
 */
public interface RpcCommand {

    /** Service property holding the command path without the prefix, e.g. {@code id} or {@code swarm/peers}. */
    String NAME = "ipfskit.rpc.command";

    /**
     * Runs the command off the network threads; throws {@link RpcException} for a kubo-style error reply, and an
     * IOException when the client went away or the node failed (the latter reaches a client still there as an error).
     */
    void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException;
}
