package io.ipfskit.codec.internal;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.ipld.Codecs;
import io.ipfskit.codec.ipld.DagCbor;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/** The links of a dag-cbor block (tag 42 over a CID), read by {@link DagCbor}: a block it refuses is invalid. */
@Component(property = LinkWalker.CODEC + ":Long=" + Multicodec.DAG_CBOR)
public final class DagCborLinks implements LinkWalker {

    @Override
    public long codec() {
        return Multicodec.DAG_CBOR;
    }

    @Override
    public void links(byte[] block, Consumer<Cid> link) throws IOException {
        Codecs.links(DagCbor.decode(block), link);
    }
}
