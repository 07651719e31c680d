package io.ipfskit.itests.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * RPC commands run in-process through their services, as {@code ipfs:rpc} runs them: the reply's JSON values (as the
 * HTTP API would encode them), its raw bytes, or the command's error; a command not registered is an error too.
 */
final class InProcessRpc {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InProcessRpc() {
    }

    /** A reply: JSON values in order, raw bytes (empty when none), or the failure. */
    record Reply(List<JsonNode> values, byte[] bytes, String error) {

        /** The last JSON value; fails the test when the command failed. */
        JsonNode json() {
            if (error != null) {
                throw new AssertionError(error);
            }
            return values.isEmpty() ? JSON.createObjectNode() : values.get(values.size() - 1);
        }

        boolean ok() {
            return error == null;
        }
    }

    /** Runs the command with positional arguments and options. */
    static Reply call(BundleContext context, String name, List<String> arguments, Map<String, String> options) {
        Collection<ServiceReference<RpcCommand>> refs;
        try {
            refs = context.getServiceReferences(RpcCommand.class, "(" + RpcCommand.NAME + "=" + name + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        ServiceReference<RpcCommand> ref = refs.stream().findFirst().orElse(null);
        RpcCommand command = ref == null ? null : context.getService(ref);
        if (command == null) {
            return new Reply(List.of(), new byte[0], "no RPC command " + name + " is registered");
        }
        List<JsonNode> values = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Map<String, List<String>> multi = new LinkedHashMap<>();
        options.forEach((k, v) -> multi.put(k, List.of(v)));
        try {
            command.execute(new RpcRequest(name, arguments, multi, new ByteArrayInputStream(new byte[0]), ""),
                    new RpcResponse() {
                        @Override
                        public void json(Object value) {
                            values.add(JSON.valueToTree(value));
                        }

                        @Override
                        public JsonStream jsonStream() {
                            return value -> values.add(JSON.valueToTree(value));
                        }

                        @Override
                        public OutputStream bytes(String contentType) {
                            return bytes;
                        }
                    });
            return new Reply(values, bytes.toByteArray(), null);
        } catch (RpcException | IOException | RuntimeException e) {
            return new Reply(values, bytes.toByteArray(), name + " failed: " + e.getMessage());
        } finally {
            context.ungetService(ref);
        }
    }
}
