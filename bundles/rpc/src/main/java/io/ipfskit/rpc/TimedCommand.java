package io.ipfskit.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.metrics.Metrics;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A command whose every run is timed into {@code ipfskit.rpc.request} (Prometheus:
 * {@code ipfskit_rpc_request_seconds_count|sum|max}) by command and outcome ({@code ok}, {@code error}), while there is
 * a {@link Metrics} service.
 */
record TimedCommand(String name, RpcCommand command, Supplier<Metrics> metrics) implements RpcCommand {

    /** The timer's name. */
    static final String METER = "ipfskit.rpc.request";

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            command.execute(request, response);
            outcome = "ok";
        } finally {
            Metrics registry = metrics.get();
            if (registry != null) {
                registry.timer(METER, "RPC requests by command: time until the command returned", "command", name,
                        "outcome", outcome).record(Duration.ofNanos(System.nanoTime() - start));
            }
        }
    }
}
