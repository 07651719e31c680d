package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.Exporter;
import java.io.IOException;
import java.util.NoSuchElementException;

/** Parsing of the content commands' arguments: CIDs and {@code /ipfs/CID/path} paths, as client errors when bad. */
final class Args {

    private Args() {
    }

    /** The multicodec code of a codec name given in the option (raw, dag-pb, dag-cbor, dag-json). */
    static long codec(String option, String name) throws RpcException {
        return switch (name) {
            case "raw" -> Multicodec.RAW;
            case "dag-pb" -> Multicodec.DAG_PB;
            case "dag-cbor" -> Multicodec.DAG_CBOR;
            case "dag-json" -> Multicodec.DAG_JSON;
            default -> throw RpcException.client("unsupported " + option + " \"" + name + "\"");
        };
    }

    /** A CID argument (a leading {@code /ipfs/} is accepted). */
    static Cid cid(String text) throws RpcException {
        String bare = text.startsWith("/ipfs/") ? text.substring(6) : text;
        try {
            return Cid.parse(bare);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid CID \"" + text + "\": " + e.getMessage());
        }
    }

    /** The CID an IPFS path names: {@code [/ipfs/]CID[/name...]}, following directory entries. */
    static Cid resolve(Exporter exporter, String path) throws RpcException, IOException {
        String bare = path.startsWith("/ipfs/") ? path.substring(6) : path;
        int slash = bare.indexOf('/');
        Cid root = cid(slash < 0 ? bare : bare.substring(0, slash));
        if (slash < 0) {
            return root;
        }
        try {
            return exporter.resolve(root, bare.substring(slash + 1));
        } catch (NoSuchElementException e) {
            throw RpcException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw RpcException.client(e.getMessage());
        }
    }
}
