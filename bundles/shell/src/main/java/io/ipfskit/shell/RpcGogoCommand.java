package io.ipfskit.shell;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Gogo {@code ipfs:rpc COMMAND [ARG|key=value]...}: runs any registered RPC command in-process (the same code the HTTP
 * API serves), so every command of the API is also a shell command; with no argument, lists them.
 */
@Component(service = RpcGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=rpc"})
public final class RpcGogoCommand {

    /** Largest raw reply shown in the shell; larger ones are cut with a note. */
    static final int MAX_SHOWN = 1 << 20;

    private final Map<String, RpcCommand> commands = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCommand(RpcCommand command, Map<String, Object> properties) {
        if (properties.get(RpcCommand.NAME) instanceof String name) {
            commands.put(name, command);
        }
    }

    void removeCommand(RpcCommand command, Map<String, Object> properties) {
        if (properties.get(RpcCommand.NAME) instanceof String name) {
            commands.remove(name, command);
        }
    }

    @Descriptor("lists the RPC API's commands")
    public String rpc() {
        return String.join("\n", new TreeSet<>(commands.keySet()));
    }

    @Descriptor("runs an RPC API command in-process; arguments are positional, key=value ones are options")
    public String rpc(@Descriptor("command, e.g. repo/stat") String name, @Descriptor("arguments") String... words)
            throws Exception {
        RpcCommand command = commands.get(name);
        if (command == null) {
            throw new IllegalArgumentException("no RPC command " + name + " (ipfs:rpc lists them)");
        }
        List<String> arguments = new ArrayList<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals > 0 && !word.startsWith("/")) {
                options.computeIfAbsent(word.substring(0, equals), k -> new ArrayList<>()).add(word.substring(equals + 1));
            } else {
                arguments.add(word);
            }
        }
        Reply reply = new Reply();
        try {
            command.execute(new RpcRequest(name, arguments, options, InputStream.nullInputStream(), ""), reply);
        } catch (RpcException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return reply.text();
    }

    /** Collects a reply as text: JSON values one per line, raw bytes as UTF-8 up to {@link #MAX_SHOWN}. */
    private static final class Reply implements RpcResponse {
        private final StringJoiner lines = new StringJoiner("\n");
        private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
        private long rawSize;

        @Override
        public void json(Object value) {
            lines.add(Json.text(value));
        }

        @Override
        public JsonStream jsonStream() {
            return value -> lines.add(Json.text(value));
        }

        @Override
        public OutputStream bytes(String contentType) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] data, int offset, int length) {
                    int room = (int) Math.max(0, MAX_SHOWN - rawSize);
                    raw.write(data, offset, Math.min(room, length));
                    rawSize += length;
                }
            };
        }

        String text() {
            if (rawSize == 0) {
                return lines.toString();
            }
            String shown = raw.toString(StandardCharsets.UTF_8);
            return rawSize > MAX_SHOWN ? shown + "\n(" + rawSize + " bytes, first " + MAX_SHOWN + " shown)" : shown;
        }
    }
}
