package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.DirEntry;
import io.ipfskit.unixfs.Exporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import io.ipfskit.unixfs.SessionBlocks;

/** RPC {@code get}: a file or directory tree as a tar stream, named by the path's last segment, as kubo sends it. */
@Component(property = RpcCommand.NAME + "=get")
public final class GetCommand implements RpcCommand {

    private final ContentBlocks blocks;

    /** The command over the node's blocks. */
    @Activate
    public GetCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        try (SessionBlocks session = blocks.open(request)) {
            get(new Exporter(session), request, response);
        }
    }

    private static void get(Exporter exporter, RpcRequest request, RpcResponse response) throws RpcException, IOException {
        String path = request.argument(0, "ipfs-path");
        Cid cid = Args.resolve(exporter, path);
        String trimmed = path.replaceAll("/+$", "");
        String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        try {
            exporter.block(cid);
        } catch (NoSuchElementException e) {
            throw RpcException.notFound(e.getMessage());
        }
        try (OutputStream out = response.bytes("application/x-tar")) {
            TarWriter tar = new TarWriter(out);
            write(exporter, tar, name, cid);
            tar.finish();
        }
    }

    private static void write(Exporter exporter, TarWriter tar, String path, Cid cid) throws IOException {
        if (exporter.isDirectory(cid)) {
            tar.directory(path);
            for (DirEntry entry : exporter.ls(cid)) {
                write(exporter, tar, path + "/" + entry.name(), entry.cid());
            }
        } else if (exporter.symlinkTarget(cid).isPresent()) {
            tar.symlink(path, exporter.symlinkTarget(cid).get());
        } else {
            try (InputStream content = exporter.cat(cid, 0, -1)) {
                tar.file(path, exporter.size(cid), content);
            }
        }
    }
}
