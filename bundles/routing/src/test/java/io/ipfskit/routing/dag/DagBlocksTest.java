package io.ipfskit.routing.dag;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.routing.testing.FakeBlockstore;
import io.ipfskit.routing.testing.LineDags;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** What a walk reports: blocks once by multihash, roots first; missing and unreadable blocks not walked below. */
class DagBlocksTest {

    private final FakeBlockstore store = new FakeBlockstore();
    private final DagBlocks dags = new DagBlocks();
    private final List<String> events = new ArrayList<>();
    private final DagBlocks.Visitor<RuntimeException> recorder = new DagBlocks.Visitor<>() {
        @Override
        public void block(Cid cid) {
            events.add("block " + cid);
        }

        @Override
        public void missing(Cid cid) {
            events.add("missing " + cid);
        }

        @Override
        public void unwalkable(Cid cid, String why) {
            events.add("unwalkable " + cid + ": " + why);
        }
    };

    @Test
    void eachBlockOnceByMultihashRootsFirst() throws IOException {
        dags.add(LineDags.LINES);
        dags.add(LineDags.RAW);
        Cid leaf = store.add(FakeBlockstore.block(1));
        Cid leafAsV0Codec = Cid.v1(Multicodec.DAG_PB, leaf.multihash());
        Cid root1 = LineDags.node(store, leaf);
        Cid root2 = LineDags.node(store, leafAsV0Codec, root1);
        dags.walk(List.of(root1, root2, root1), store, recorder);
        assertEquals(List.of("block " + root1, "block " + root2, "block " + leaf), events);
    }

    @Test
    void aBlockInvalidInItsCodecIsReportedAndNothingItListedIsWalked() throws IOException {
        Cid child = store.add(FakeBlockstore.block(1));
        Cid broken = LineDags.node(store, child);
        dags.add(new LinkWalker() {
            @Override
            public long codec() {
                return Multicodec.DAG_CBOR;
            }

            @Override
            public void links(byte[] block, Consumer<Cid> link) throws IOException {
                link.accept(child);
                throw new IOException("truncated");
            }
        });
        dags.walk(List.of(broken), store, recorder);
        assertEquals(List.of("block " + broken, "unwalkable " + broken + ": not valid in its codec: truncated"),
                events);
    }

    @Test
    void aMissingBlockIsReportedNotVisited() throws IOException {
        Cid missing = FakeBlockstore.cid(FakeBlockstore.block(9));
        dags.walk(List.of(missing), store, recorder);
        assertEquals(List.of("missing " + missing), events);
    }
}
