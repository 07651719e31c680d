package io.ipfskit.protocol.bitswap.commands;

import io.ipfskit.api.metrics.Meter;
import io.ipfskit.api.metrics.MeterBinder;
import io.ipfskit.api.metrics.Metrics;
import io.ipfskit.protocol.bitswap.Bitswap;
import io.ipfskit.protocol.bitswap.BitswapStat;
import java.util.List;
import java.util.function.ToLongFunction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bitswap's meters over its {@code bitswap/stat} counters: blocks and bytes received and sent, duplicate blocks and
 * bytes, messages received, and the size of our wantlist and of the set of peers we exchange with.
 */
@Component
public final class BitswapMeters implements MeterBinder {

    private final Bitswap bitswap;

    /** Reads Bitswap's counters at each scrape. */
    @Activate
    public BitswapMeters(@Reference Bitswap bitswap) {
        this.bitswap = bitswap;
    }

    @Override
    public List<Meter> bind(Metrics metrics) {
        return List.of(
                counter(metrics, "ipfskit.bitswap.received.blocks", "blocks received", BitswapStat::blocksReceived),
                counter(metrics, "ipfskit.bitswap.received.bytes", "block bytes received", BitswapStat::dataReceived),
                counter(metrics, "ipfskit.bitswap.duplicate.blocks", "blocks received that we already had",
                        BitswapStat::duplicateBlocksReceived),
                counter(metrics, "ipfskit.bitswap.duplicate.bytes", "bytes of blocks received that we already had",
                        BitswapStat::duplicateDataReceived),
                counter(metrics, "ipfskit.bitswap.received.messages", "messages received", BitswapStat::messagesReceived),
                counter(metrics, "ipfskit.bitswap.sent.blocks", "blocks sent", BitswapStat::blocksSent),
                counter(metrics, "ipfskit.bitswap.sent.bytes", "block bytes sent", BitswapStat::dataSent),
                metrics.gauge("ipfskit.bitswap.wantlist.size", "blocks we want", () -> bitswap.wantlist().size()),
                metrics.gauge("ipfskit.bitswap.peers", "peers with a ledger", () -> bitswap.stat().peers().size()));
    }

    private Meter counter(Metrics metrics, String name, String description, ToLongFunction<BitswapStat> value) {
        return metrics.counter(name, description, () -> value.applyAsLong(bitswap.stat()));
    }
}
