package io.ipfskit.protocol.identify;

import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Reads one varint-length-prefixed message of bounded size from a stream, then resets the stream if more arrives. */
final class MessageReader implements StreamListener {

    /** The largest identify message accepted. */
    static final int MAX_MESSAGE = 64 * 1024;

    private final Stream stream;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    /** Completes with the message body. */
    final CompletableFuture<byte[]> message = new CompletableFuture<>();

    MessageReader(Stream stream) {
        this.stream = stream;
    }

    @Override
    public void onData(byte[] data) {
        if (message.isDone()) {
            return;
        }
        if (buffer.size() + data.length > MAX_MESSAGE + 4) {
            fail(new IOException("identify message larger than " + MAX_MESSAGE + " bytes"));
            return;
        }
        buffer.writeBytes(data);
        byte[] bytes = buffer.toByteArray();
        long length = 0;
        int i = 0;
        for (int shift = 0; ; shift += 7, i++) {
            if (i == bytes.length) {
                return;
            }
            if (i == 4) {
                fail(new IOException("identify length prefix too long"));
                return;
            }
            length |= (long) (bytes[i] & 0x7f) << shift;
            if ((bytes[i] & 0x80) == 0) {
                i++;
                break;
            }
        }
        if (length > MAX_MESSAGE) {
            fail(new IOException("identify message of " + length + " bytes"));
        } else if (bytes.length - i >= length) {
            message.complete(java.util.Arrays.copyOfRange(bytes, i, i + (int) length));
        }
    }

    @Override
    public void onRemoteClose() {
        stream.closeWrite();
        message.completeExceptionally(new IOException("stream closed before a whole identify message"));
    }

    @Override
    public void onReset() {
        message.completeExceptionally(new IOException("identify stream reset"));
    }

    private void fail(IOException reason) {
        message.completeExceptionally(reason);
        stream.reset();
    }
}
