package io.ipfskit.api.discovery;

import io.ipfskit.multiformats.Cid;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** Finds the providers of content and announces what this node provides (DHT, connected peers, delegated routing). */
public interface ContentRouter {

    /** Service property naming the router, e.g. {@code kad-dht}. */
    String NAME = "ipfskit.router.name";

    /** Service property, a Boolean: false for a router that finds providers but announces nothing (default true). */
    String PROVIDES = "ipfskit.router.provides";

    /** Reports up to {@code limit} providers of the CID as they are found; completes when the search ends. */
    CompletionStage<Void> findProviders(Cid cid, int limit, Consumer<PeerInfo> provider);

    /** Announces that this node provides the CID; completes when the announcement is done. */
    CompletionStage<Void> provide(Cid cid);
}
