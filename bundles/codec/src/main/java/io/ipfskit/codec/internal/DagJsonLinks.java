package io.ipfskit.codec.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * The links of a dag-json block: in document order, every map whose only key is {@code "/"} with a string value, which must be a CID
 * (the dag-json spec; {@code {"/": {"bytes": ...}}} is bytes, not a link). Malformed JSON or a bad CID is invalid.
 */
@Component(property = LinkWalker.CODEC + ":Long=" + Multicodec.DAG_JSON)
public final class DagJsonLinks implements LinkWalker {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Override
    public long codec() {
        return Multicodec.DAG_JSON;
    }

    @Override
    public void links(byte[] block, Consumer<Cid> link) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(block);
        } catch (JacksonException e) {
            throw new IOException("dag-json: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException("dag-json: empty block");
        }
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            JsonNode slash = node.isObject() && node.size() == 1 ? node.get("/") : null;
            if (slash != null && slash.isTextual()) {
                link.accept(cid(slash.textValue()));
                continue;
            }
            Deque<JsonNode> children = new ArrayDeque<>();
            for (Iterator<JsonNode> each = node.elements(); each.hasNext(); ) {
                children.push(each.next());
            }
            children.forEach(pending::push);
        }
    }

    private static Cid cid(String text) throws IOException {
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("dag-json: invalid CID in a link \"" + text + "\": " + e.getMessage(), e);
        }
    }
}
