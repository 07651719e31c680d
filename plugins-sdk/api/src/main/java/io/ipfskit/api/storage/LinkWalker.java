package io.ipfskit.api.storage;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Lists the links of blocks of one IPLD codec, so that pins and garbage collection follow DAGs of every codec a
 * bundle provides. Register it with {@link #CODEC} set to the multicodec code (a Long).
 */
public interface LinkWalker {

    /** Service property holding {@link #codec()} as a Long. */
    String CODEC = "ipfskit.codec";

    /** The multicodec code of the blocks this walker reads, e.g. 0x71 for dag-cbor. */
    long codec();

    /** Reports every CID the block links to; throws IOException when the block is not valid in this codec. */
    void links(byte[] block, Consumer<Cid> link) throws IOException;
}
