package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcResponse;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** A part's bytes that report kubo's {@code {"Name","Bytes"}} progress events every {@link #STEP} bytes and at the end. */
final class Progress extends FilterInputStream {

    /** Bytes between two progress events. */
    static final long STEP = 262144;

    private final String name;
    private final RpcResponse.JsonStream out;
    private long count;
    private long reported;

    Progress(InputStream in, String name, RpcResponse.JsonStream out) {
        super(in);
        this.name = name;
        this.out = out;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        advance(b < 0 ? -1 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        advance(n);
        return n;
    }

    private void advance(int n) throws IOException {
        if (n > 0) {
            count += n;
            if (count - reported >= STEP) {
                send();
            }
        } else if (n < 0 && reported != count) {
            send();
        }
    }

    private void send() throws IOException {
        reported = count;
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Name", name);
        event.put("Bytes", count);
        out.send(event);
    }
}
