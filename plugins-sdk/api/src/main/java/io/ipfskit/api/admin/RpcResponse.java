package io.ipfskit.api.admin;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where a command writes its reply: one JSON value, a stream of JSON values, or raw bytes; exactly one of them, once. */
public interface RpcResponse {

    /** Replies with one JSON value (maps, lists, strings, numbers, booleans, null; records as objects). */
    void json(Object value) throws IOException;

    /** Starts kubo's streamed JSON output ({@code X-Chunked-Output}): each value is sent as it is produced. */
    JsonStream jsonStream() throws IOException;

    /** Starts a raw byte reply ({@code X-Stream-Output}), as {@code cat} sends; closed by the server after the command. */
    OutputStream bytes(String contentType) throws IOException;

    /**
     * Completes once the client has gone (its connection closed), so that a command that waits for something to send
     * (a subscription) can stop; by default, never.
     */
    default CompletionStage<Void> clientGone() {
        return new CompletableFuture<>();
    }

    /** A stream of JSON values, one per line. */
    interface JsonStream {

        /** Sends one value and flushes it to the client. */
        void send(Object value) throws IOException;
    }
}
