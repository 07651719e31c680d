package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.DirEntry;
import io.ipfskit.unixfs.Exporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.ipfskit.unixfs.SessionBlocks;

/**
 * RPC {@code ls}: the entries of a UnixFS directory in kubo's shape, with each entry's type, size and link target; of a
 * file, as kubo's, its chunks (unnamed).
 */
@Component(property = RpcCommand.NAME + "=ls")
public final class LsCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public LsCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        try (SessionBlocks session = blocks.open(request)) {
            ls(new Exporter(session), request, response);
        }
    }

    private static void ls(Exporter exporter, RpcRequest request, RpcResponse response) throws RpcException, IOException {
        String path = request.argument(0, "ipfs-path");
        Cid cid = Args.resolve(exporter, path);
        List<Map<String, Object>> links = new ArrayList<>();
        try {
            for (DirEntry entry : exporter.isDirectory(cid) ? exporter.ls(cid) : exporter.chunks(cid)) {
                boolean directory = exporter.isDirectory(entry.cid());
                Optional<String> target = directory ? Optional.empty() : exporter.symlinkTarget(entry.cid());
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("Name", entry.name());
                link.put("Hash", entry.cid().toString());
                link.put("Size", directory || target.isPresent() ? 0 : exporter.size(entry.cid()));
                link.put("Type", directory ? 1 : target.isPresent() ? 4 : 2);
                link.put("Target", target.orElse(""));
                links.add(link);
            }
        } catch (NoSuchElementException e) {
            throw RpcException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw RpcException.client(e.getMessage());
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("Hash", path);
        object.put("Links", links);
        response.json(Map.of("Objects", List.of(object)));
    }
}
