package io.ipfskit.routing.testing;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/** DAGs for tests: a test codec (dag-cbor's number) whose blocks are the CIDs they link to, one per line. */
public final class LineDags {

    /** Reads the links of the test codec. */
    public static final LinkWalker LINES = new LinkWalker() {
        @Override
        public long codec() {
            return Multicodec.DAG_CBOR;
        }

        @Override
        public void links(byte[] block, Consumer<Cid> link) {
            new String(block, StandardCharsets.UTF_8).lines().map(Cid::parse).forEach(link);
        }
    };

    /** Raw blocks link to nothing. */
    public static final LinkWalker RAW = new LinkWalker() {
        @Override
        public long codec() {
            return Multicodec.RAW;
        }

        @Override
        public void links(byte[] block, Consumer<Cid> link) {
        }
    };

    private LineDags() {
    }

    /** Stores a node of the test codec linking to the CIDs and returns its CID. */
    public static Cid node(FakeBlockstore store, Cid... links) {
        return store(store, Multicodec.DAG_CBOR, links);
    }

    /** Stores a block of the codec holding the links, one per line, and returns its CID. */
    public static Cid store(FakeBlockstore store, long codec, Cid... links) {
        byte[] data = String.join("\n", Arrays.stream(links).map(Cid::toString).toList())
                .getBytes(StandardCharsets.UTF_8);
        Cid cid = Cid.v1(codec, Multihash.sha256(data));
        store.put(cid, data);
        return cid;
    }
}
