package io.ipfskit.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response decided before anything is sent: status, headers, the body's length ({@code -1}: unknown, sent chunked)
 * and what writes it (null: none). Writing the body may still fail; by then the status is sent and the connection is
 * cut instead.
 */
record Reply(int status, Map<String, String> headers, long length, Body body) {

    /** Writes a body to the response. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** A plain-text error (as the path gateway: a short human-readable body). */
    static Reply error(int status, String message, Map<String, String> extraHeaders) {
        byte[] text = (message + "\n").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
        headers.put("Content-Type", "text/plain; charset=utf-8");
        return new Reply(status, headers, text.length, out -> out.write(text));
    }

    /** A whole body held in memory. */
    static Reply bytes(int status, Map<String, String> headers, byte[] body) {
        return new Reply(status, headers, body.length, out -> out.write(body));
    }
}
