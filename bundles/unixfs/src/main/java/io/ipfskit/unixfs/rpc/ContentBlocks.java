package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.unixfs.SessionBlocks;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Where the read commands get their blocks: one session per request of the node's {@link BlockService}, with kubo's
 * per-request {@code timeout} (Go duration) and {@code offline} options, or the local blockstore alone while no block
 * service runs.
 */
@Component(service = ContentBlocks.class)
public final class ContentBlocks {

    private final Blockstore blockstore;

    /** The block service, while one runs. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BlockService service;

    /** Reads over the node's blockstore (and its block service, when it comes). */
    @Activate
    public ContentBlocks(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    /** The blocks of one request; close them when it ends. */
    SessionBlocks open(RpcRequest request) throws RpcException {
        FetchOptions options = new FetchOptions(request.duration("timeout", Duration.ZERO),
                request.flag("offline", false), Long.MAX_VALUE);
        return SessionBlocks.open(service, blockstore, options);
    }
}
