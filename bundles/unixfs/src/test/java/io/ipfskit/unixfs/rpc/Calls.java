package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a command with a recorded response: the JSON values sent and the bytes written. */
final class Calls implements RpcResponse {

    static final String BOUNDARY = "XyZ123";

    final List<Object> json = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    static Calls run(RpcCommand command, List<String> args, Map<String, List<String>> options, byte[] body)
            throws RpcException, IOException {
        Calls calls = new Calls();
        command.execute(new RpcRequest("test", args, options, new ByteArrayInputStream(body),
                "multipart/form-data; boundary=" + BOUNDARY), calls);
        return calls;
    }

    /** A multipart body of (filename, content type, bytes) parts. */
    static byte[] multipart(String... filenameTypeContent) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < filenameTypeContent.length; i += 3) {
            body.append("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(filenameTypeContent[i])
                    .append("\"\r\nContent-Type: ").append(filenameTypeContent[i + 1]).append("\r\n\r\n")
                    .append(filenameTypeContent[i + 2]).append("\r\n");
        }
        body.append("--").append(BOUNDARY).append("--\r\n");
        return body.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void json(Object value) {
        json.add(value);
    }

    @Override
    public JsonStream jsonStream() {
        return json::add;
    }

    @Override
    public OutputStream bytes(String contentType) {
        return bytes;
    }
}
