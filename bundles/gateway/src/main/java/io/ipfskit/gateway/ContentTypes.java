package io.ipfskit.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** A file's media type: by its name's extension, else by its first bytes (magic numbers, then text or binary). */
final class ContentTypes {

    /** How many leading bytes {@link #sniff} looks at. */
    static final int SNIFF_BYTES = 512;
    static final String OCTET_STREAM = "application/octet-stream";
    static final String TEXT = "text/plain; charset=utf-8";

    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("json", "application/json"),
            Map.entry("txt", TEXT), Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"), Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"), Map.entry("ico", "image/x-icon"), Map.entry("pdf", "application/pdf"),
            Map.entry("wasm", "application/wasm"), Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("ogg", "audio/ogg"), Map.entry("wav", "audio/wav"),
            Map.entry("zip", "application/zip"), Map.entry("gz", "application/gzip"), Map.entry("tar", "application/x-tar"),
            Map.entry("car", "application/vnd.ipld.car"), Map.entry("woff", "font/woff"), Map.entry("woff2", "font/woff2"));

    private ContentTypes() {
    }

    /** The type for a file named {@code name} (may be null) whose first bytes are {@code head}. */
    static String of(String name, byte[] head) {
        String byName = byName(name);
        return byName != null ? byName : sniff(head);
    }

    /** The type the name's extension gives, or null. */
    static String byName(String name) {
        if (name == null) {
            return null;
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The type of content starting with these bytes: a known signature, else UTF-8 text, else octet-stream. */
    static String sniff(byte[] head) {
        if (starts(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (starts(head, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (starts(head, 'G', 'I', 'F', '8')) {
            return "image/gif";
        }
        if (starts(head, '%', 'P', 'D', 'F', '-')) {
            return "application/pdf";
        }
        if (starts(head, 'P', 'K', 3, 4)) {
            return "application/zip";
        }
        if (starts(head, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (starts(head, 0, 'a', 's', 'm')) {
            return "application/wasm";
        }
        if (starts(head, 'R', 'I', 'F', 'F') && head.length >= 12 && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return "image/webp";
        }
        if (head.length >= 8 && new String(head, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")) {
            return "video/mp4";
        }
        if (!text(head)) {
            return OCTET_STREAM;
        }
        String start = new String(head, StandardCharsets.UTF_8).stripLeading().toLowerCase(Locale.ROOT);
        if (start.startsWith("<!doctype html") || start.startsWith("<html")) {
            return "text/html; charset=utf-8";
        }
        if (start.startsWith("<svg") || start.startsWith("<?xml") && start.contains("<svg")) {
            return "image/svg+xml";
        }
        if (start.startsWith("<?xml")) {
            return "application/xml";
        }
        return TEXT;
    }

    private static boolean starts(byte[] head, int... signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }

    /** UTF-8 without control characters besides whitespace (a sequence cut at the end of the sample is allowed). */
    private static boolean text(byte[] head) {
        for (byte b : head) {
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' || b == 0x7F) {
                return false;
            }
        }
        for (int cut = 0; cut < 4 && cut <= head.length; cut++) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(Arrays.copyOf(head, head.length - cut)));
                return true;
            } catch (CharacterCodingException e) {
                if (head.length < ContentTypes.SNIFF_BYTES) {
                    return false;
                }
            }
        }
        return false;
    }
}
