package io.ipfskit.protocol.bitswap;

import io.ipfskit.api.node.NodeRole;
import io.ipfskit.protocol.bitswap.client.ClientSettings;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.server.ServerLimits;
import java.util.List;

/** Everything Bitswap is configured with: the versions it speaks (newest first), its server's limits, its client's settings. */
public record BitswapSettings(List<Dialect> dialects, ServerLimits server, ClientSettings client, int workerThreads) {

    /** Copies the version list and checks the values. */
    public BitswapSettings {
        dialects = List.copyOf(dialects);
        if (dialects.isEmpty() || workerThreads < 1) {
            throw new IllegalArgumentException("bitswap needs a version and a worker thread");
        }
    }

    /** Every version, the role's server limits, boxo's client defaults, eight workers. */
    public static BitswapSettings of(NodeRole role) {
        return new BitswapSettings(List.of(Dialect.values()), ServerLimits.of(role), ClientSettings.DEFAULTS, 8);
    }

    /** A copy speaking only the given versions. */
    public BitswapSettings withDialects(Dialect... only) {
        return new BitswapSettings(List.of(only), server, client, workerThreads);
    }

    /** A copy with other client settings. */
    public BitswapSettings withClient(ClientSettings value) {
        return new BitswapSettings(dialects, server, value, workerThreads);
    }

    /** A copy with other server limits. */
    public BitswapSettings withServer(ServerLimits value) {
        return new BitswapSettings(dialects, value, client, workerThreads);
    }
}
