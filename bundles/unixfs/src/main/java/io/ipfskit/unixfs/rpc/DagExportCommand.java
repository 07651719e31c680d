package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.car.CarWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.ipfskit.unixfs.SessionBlocks;

/** RPC {@code dag/export}: the DAG under a root as a CAR v1 stream, fetching what the node lacks. */
@Component(property = RpcCommand.NAME + "=dag/export")
public final class DagExportCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public DagExportCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        Cid root = Args.cid(request.argument(0, "root"));
        try (SessionBlocks session = blocks.open(request)) {
            if (session.get(root).isEmpty()) {
                throw RpcException.notFound("block not found: " + root);
            }
            try (OutputStream out = response.bytes("application/vnd.ipld.car")) {
                CarWriter.write(List.of(root), session, out);
            }
        }
    }
}
