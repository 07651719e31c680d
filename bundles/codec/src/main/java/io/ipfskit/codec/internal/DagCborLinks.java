package io.ipfskit.codec.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.util.Arrays;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * The links of a dag-cbor block: every byte string under CBOR tag 42, whose first byte is the multibase identity
 * prefix 0x00 and the rest a binary CID (the dag-cbor spec). A tag 42 on anything else, a bad CID, trailing bytes or
 * a malformed item makes the block invalid.
 */
@Component(property = LinkWalker.CODEC + ":Long=" + Multicodec.DAG_CBOR)
public final class DagCborLinks implements LinkWalker {

    /** The CBOR tag of a CID link. */
    static final int CID_TAG = 42;

    private static final CBORFactory CBOR = new CBORFactory();

    @Override
    public long codec() {
        return Multicodec.DAG_CBOR;
    }

    @Override
    public void links(byte[] block, Consumer<Cid> link) throws IOException {
        try (CBORParser parser = CBOR.createParser(block)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("dag-cbor: empty block");
            }
            int depth = 0;
            do {
                if (parser.getCurrentTag() == CID_TAG) {
                    link.accept(cid(parser, token));
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (depth == 0) {
                    break;
                }
                token = parser.nextToken();
            } while (token != null);
            if (depth != 0 || parser.nextToken() != null) {
                throw new IOException("dag-cbor: the block is not exactly one complete item");
            }
        } catch (JacksonException e) {
            throw new IOException("dag-cbor: " + e.getOriginalMessage(), e);
        }
    }

    private static Cid cid(CBORParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw new IOException("dag-cbor: tag 42 on a " + token + ", not a byte string");
        }
        byte[] bytes = parser.getBinaryValue();
        if (bytes.length < 2 || bytes[0] != 0) {
            throw new IOException("dag-cbor: a CID link must start with the 0x00 multibase prefix");
        }
        try {
            return Cid.decode(Arrays.copyOfRange(bytes, 1, bytes.length));
        } catch (IllegalArgumentException e) {
            throw new IOException("dag-cbor: invalid CID in a link: " + e.getMessage(), e);
        }
    }
}
