package io.ipfskit.api.exchange;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Exchanges blocks with peers (Bitswap): a session per request wants blocks from connected peers and from providers
 * the node's {@link io.ipfskit.api.discovery.ContentRouting} finds, and returns each block only after it matched its
 * CID and was stored. Register it with {@link #NAME}.
 */
@ProviderType
public interface BlockExchange {

    /** Service property naming the exchange, e.g. {@code bitswap}. */
    String NAME = "ipfskit.exchange.name";

    /** Opens a session for one request (a cat or get of one DAG); closing it cancels whatever it still wants. */
    ExchangeSession newSession();
}
