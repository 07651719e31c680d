package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.BlockSession;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * RPC {@code pin/add}: pins roots, recursively unless {@code recursive=false}, fetching what the node lacks (kubo's
 * {@code timeout} and {@code offline} options); every block pinned is made durable.
 */
@Component(property = RpcCommand.NAME + "=pin/add")
public final class PinAddCommand implements RpcCommand {

    private final Pinning pinning;

    /** The block service, while one runs: what the node lacks is fetched through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BlockService blocks;

    /** The command over the node's pins. */
    @Activate
    public PinAddCommand(@Reference Pinning pinning) {
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        PinType type = request.flag("recursive", true) ? PinType.RECURSIVE : PinType.DIRECT;
        List<Cid> cids = Cids.arguments(request);
        FetchOptions options = new FetchOptions(request.duration("timeout", Duration.ZERO),
                request.flag("offline", false), Long.MAX_VALUE);
        BlockService service = blocks;
        try (BlockSession session = service == null ? null : service.session(options)) {
            for (Cid cid : cids) {
                pin(cid, type, session);
            }
        }
        response.json(Map.of("Pins", cids.stream().map(Cid::toString).toList()));
    }

    private void pin(Cid cid, PinType type, BlockSession session) throws RpcException, IOException {
        try {
            pinning.pin(cid, type, missing -> {
                if (session == null) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(session.get(missing));
                } catch (NoSuchFileException absent) {
                    return Optional.empty();
                }
            });
        } catch (NoSuchElementException e) {
            throw RpcException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw RpcException.client(e.getMessage());
        }
    }
}
