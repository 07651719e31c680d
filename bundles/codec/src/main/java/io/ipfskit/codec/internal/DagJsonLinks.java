package io.ipfskit.codec.internal;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.ipld.Codecs;
import io.ipfskit.codec.ipld.DagJson;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/** The links of a dag-json block ({@code {"/": "CID"}}) in document order, read by {@link DagJson}: a block it refuses is invalid. */
@Component(property = LinkWalker.CODEC + ":Long=" + Multicodec.DAG_JSON)
public final class DagJsonLinks implements LinkWalker {

    @Override
    public long codec() {
        return Multicodec.DAG_JSON;
    }

    @Override
    public void links(byte[] block, Consumer<Cid> link) throws IOException {
        Codecs.links(DagJson.decode(block), link);
    }
}
