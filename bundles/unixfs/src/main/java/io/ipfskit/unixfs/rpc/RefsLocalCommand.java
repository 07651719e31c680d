package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code refs/local}: every stored block, streamed as kubo's {@code {"Ref":CID,"Err":""}} (CIDv1 raw, as kubo keys them). */
@Component(property = RpcCommand.NAME + "=refs/local")
public final class RefsLocalCommand implements RpcCommand {

    private final Blockstore blockstore;

    /** The command over the node's blockstore. */
    @Activate
    public RefsLocalCommand(@Reference Blockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        RpcResponse.JsonStream out = response.jsonStream();
        try {
            blockstore.forEach(multihash -> {
                try {
                    out.send(Map.of("Ref", Cid.v1(Multicodec.RAW, multihash).toString(), "Err", ""));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
