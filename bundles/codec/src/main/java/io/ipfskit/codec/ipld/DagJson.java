package io.ipfskit.codec.ipld;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dag-json (the IPLD spec): links are {@code {"/": "CID"}}, bytes {@code {"/": {"bytes": "unpadded base64"}}}; an
 * integer has neither point nor exponent, a float has one. Encoding sorts map keys by their UTF-8 bytes, writes no
 * whitespace and escapes strings as JSON.stringify does; decoding accepts keys in any order and refuses duplicate keys,
 * bad links and bytes, trailing text and nesting deeper than Jackson's bound (1,000).
 */
public final class DagJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private DagJson() {
    }

    /** The dag-json bytes of a data-model value; {@link IllegalArgumentException} for anything outside the model. */
    public static byte[] encode(Object value) {
        StringBuilder out = new StringBuilder();
        new JsonWriter(out).write(value);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The data-model value of one block; {@link IOException} naming what is wrong when it is not dag-json. */
    public static Object decode(byte[] block) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(block);
        } catch (JacksonException e) {
            throw new IOException("dag-json: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IOException("dag-json: empty block");
        }
        return value(root);
    }

    private static Object value(JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case NULL:
                return null;
            case BOOLEAN:
                return node.booleanValue();
            case STRING:
                return node.textValue();
            case NUMBER:
                if (node.isIntegralNumber()) {
                    return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
                }
                return node.doubleValue();
            case ARRAY:
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node) {
                    list.add(value(element));
                }
                return list;
            case OBJECT:
                return object(node);
            default:
                throw new IOException("dag-json: unexpected " + node.getNodeType());
        }
    }

    private static Object object(JsonNode node) throws IOException {
        JsonNode slash = node.size() == 1 ? node.get("/") : null;
        if (slash != null && slash.isTextual()) {
            try {
                return Cid.parse(slash.textValue());
            } catch (IllegalArgumentException e) {
                throw new IOException("dag-json: invalid CID in a link \"" + slash.textValue() + "\": "
                        + e.getMessage(), e);
            }
        }
        JsonNode bytes = slash != null && slash.isObject() && slash.size() == 1 ? slash.get("bytes") : null;
        if (bytes != null && bytes.isTextual()) {
            try {
                return Base64.getDecoder().decode(bytes.textValue());
            } catch (IllegalArgumentException e) {
                throw new IOException("dag-json: invalid base64 in bytes: " + e.getMessage(), e);
            }
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            map.put(field.getKey(), value(field.getValue()));
        }
        return map;
    }
}
