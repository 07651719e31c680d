package io.ipfskit.dht.kad.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a command with a recorded reply: the JSON values it sent and whether it streamed them. */
final class Replies implements RpcResponse {

    static final String BOUNDARY = "testboundary";

    final List<Map<?, ?>> json = new ArrayList<>();
    boolean streamed;

    /** Runs the command with positional arguments and {@code key=value} options, without a body. */
    static Replies run(RpcCommand command, List<String> arguments, String... options) throws RpcException, IOException {
        return run(command, arguments, InputStream.nullInputStream(), "", options);
    }

    /** Runs the command with one multipart file holding {@code file}. */
    static Replies runWithFile(RpcCommand command, List<String> arguments, byte[] file) throws RpcException, IOException {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"value\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return run(command, arguments, new ByteArrayInputStream(body), "multipart/form-data; boundary=" + BOUNDARY);
    }

    static Replies run(RpcCommand command, List<String> arguments, InputStream body, String contentType,
            String... options) throws RpcException, IOException {
        Replies replies = new Replies();
        command.execute(request(arguments, body, contentType, options), replies);
        return replies;
    }

    /** A request with positional arguments, {@code key=value} options and a body. */
    static RpcRequest request(List<String> arguments, InputStream body, String contentType, String... options) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            parsed.computeIfAbsent(option.substring(0, equals), k -> new ArrayList<>()).add(option.substring(equals + 1));
        }
        return new RpcRequest("test", arguments, parsed, body, contentType);
    }

    /** The last value sent. */
    Map<?, ?> last() {
        return json.get(json.size() - 1);
    }

    /** The values of one event type. */
    List<Map<?, ?>> ofType(int type) {
        return json.stream().filter(e -> Integer.valueOf(type).equals(e.get("Type"))).toList();
    }

    @Override
    public void json(Object value) {
        json.add((Map<?, ?>) value);
    }

    @Override
    public JsonStream jsonStream() {
        streamed = true;
        return value -> json.add((Map<?, ?>) value);
    }

    @Override
    public OutputStream bytes(String contentType) {
        throw new AssertionError("a DHT command never answers raw bytes");
    }
}
