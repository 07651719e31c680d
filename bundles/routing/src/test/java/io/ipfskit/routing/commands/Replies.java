package io.ipfskit.routing.commands;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a command with a recorded reply: the JSON values it sent and whether it streamed them. */
final class Replies implements RpcResponse {

    final List<Object> json = new ArrayList<>();
    boolean streamed;

    /** Runs the command with positional arguments and {@code key=value} options. */
    static Replies run(RpcCommand command, List<String> arguments, String... options) throws RpcException, IOException {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            parsed.computeIfAbsent(option.substring(0, equals), k -> new ArrayList<>()).add(option.substring(equals + 1));
        }
        Replies replies = new Replies();
        command.execute(new RpcRequest("test", arguments, parsed, InputStream.nullInputStream(), ""), replies);
        return replies;
    }

    @Override
    public void json(Object value) {
        json.add(value);
    }

    @Override
    public JsonStream jsonStream() {
        streamed = true;
        return json::add;
    }

    @Override
    public OutputStream bytes(String contentType) {
        throw new AssertionError("a routing command never answers raw bytes");
    }
}
