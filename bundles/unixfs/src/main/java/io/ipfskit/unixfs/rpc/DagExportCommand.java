package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.car.CarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code dag/export}: the DAG under a root as a CAR v1 stream; the root must be present. */
@Component(property = RpcCommand.NAME + "=dag/export")
public final class DagExportCommand implements RpcCommand {

    private final Blockstore blockstore;

    /** The command over the node's blockstore. */
    @Activate
    public DagExportCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid root = Args.cid(request.argument(0, "root"));
        if (!blockstore.has(root)) {
            throw RpcException.notFound("block not found: " + root);
        }
        try (OutputStream out = response.bytes("application/vnd.ipld.car")) {
            CarWriter.write(List.of(root), blockstore::get, out);
        }
    }
}
