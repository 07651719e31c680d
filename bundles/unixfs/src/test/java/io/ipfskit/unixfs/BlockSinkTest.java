package io.ipfskit.unixfs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.multiformats.Multicodec;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A sink into a blockstore hands the importer's verified blocks on as such, so the store need not hash them again. */
class BlockSinkTest {

    @Test
    void verifiedBlocksReachTheBlockstoreAsVerifiedOthersWithTheirClaimedCid() throws Exception {
        List<String> calls = new ArrayList<>();
        Blockstore recording = (Blockstore) Proxy.newProxyInstance(Blockstore.class.getClassLoader(),
                new Class<?>[] {Blockstore.class}, (proxy, method, args) -> {
                    calls.add(method.getName() + "/" + method.getParameterTypes()[0].getSimpleName());
                    return null;
                });
        BlockSink sink = BlockSink.into(recording);
        VerifiedBlock block = VerifiedBlock.hash(1, Multicodec.RAW, "a block".getBytes(StandardCharsets.US_ASCII));
        sink.put(block);
        sink.put(block.cid(), block.data());
        assertEquals(List.of("put/VerifiedBlock", "put/Cid"), calls);
    }
}
