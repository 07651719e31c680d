package io.ipfskit.codec.internal;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/** The links of a dag-pb node: the Hash of each PBLink, in order. */
@Component(property = LinkWalker.CODEC + ":Long=" + Multicodec.DAG_PB)
public final class DagPbLinks implements LinkWalker {

    @Override
    public long codec() {
        return Multicodec.DAG_PB;
    }

    @Override
    public void links(byte[] block, Consumer<Cid> link) throws IOException {
        try {
            for (PbLink each : DagPb.links(block)) {
                link.accept(each.hash());
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
