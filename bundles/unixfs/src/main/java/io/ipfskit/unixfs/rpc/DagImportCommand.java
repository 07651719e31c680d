package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.http.support.Multipart;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.BlockSink;
import io.ipfskit.unixfs.car.CarException;
import io.ipfskit.unixfs.car.CarReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * RPC {@code dag/import}: stores the blocks of each uploaded CAR (v1 or v2), each spooled to a temporary file and
 * verified whole before anything is stored, then pins the roots unless {@code pin-roots=false}; GC is held off from
 * the first block to the last pin.
 */
@Component(property = RpcCommand.NAME + "=dag/import")
public final class DagImportCommand implements RpcCommand {

    private final Blockstore blockstore;
    private final Pinning pinning;

    /** The content routing manager, while one runs: the roots stored are announced through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ContentRouting routing;

    /** The command over the node's blockstore and pins. */
    @Activate
    public DagImportCommand(@Reference Blockstore blockstore, @Reference Pinning pinning) {
        this.blockstore = blockstore;
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        boolean pinRoots = request.flag("pin-roots", true);
        Multipart body = new Multipart(request.body(), request.contentType());
        List<Cid> roots = new ArrayList<>();
        // Held from the first block to the last pin, so a concurrent repo gc cannot take blocks of this import.
        try (GcLock hold = pinning.gcLock()) {
            importAndPin(body, roots, pinRoots, response);
        }
    }

    private void importAndPin(Multipart body, List<Cid> roots, boolean pinRoots, RpcResponse response)
            throws RpcException, IOException {
        for (Multipart.Part part = body.next(); part != null; part = body.next()) {
            Path spool = Files.createTempFile("ipfskit-import-", ".car");
            try {
                try (var out = Files.newOutputStream(spool)) {
                    part.body().transferTo(out);
                }
                roots.addAll(CarReader.importFile(spool, BlockSink.into(blockstore)));
            } catch (CarException e) {
                throw RpcException.client(e.getMessage());
            } finally {
                Files.deleteIfExists(spool);
            }
        }
        Announce.roots(routing, roots);
        RpcResponse.JsonStream out = response.jsonStream();
        for (Cid root : roots) {
            String error = "";
            if (pinRoots) {
                try {
                    pinning.pin(root, PinType.RECURSIVE);
                } catch (NoSuchElementException | IllegalStateException e) {
                    error = e.getMessage();
                }
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("Cid", Map.of("/", root.toString()));
            result.put("PinErrorMsg", error);
            out.send(Map.of("Root", result));
        }
    }
}
