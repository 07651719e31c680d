package io.ipfskit.codec.internal;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/** Raw blocks are leaves: they link to nothing. */
@Component(property = LinkWalker.CODEC + ":Long=" + Multicodec.RAW)
public final class RawLinks implements LinkWalker {

    @Override
    public long codec() {
        return Multicodec.RAW;
    }

    @Override
    public void links(byte[] block, Consumer<Cid> link) {
        // A raw block has no links.
    }
}
