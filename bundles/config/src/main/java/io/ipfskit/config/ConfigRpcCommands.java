package io.ipfskit.config;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The RPC {@code config} commands in kubo's shapes, over the same checks as {@code ipfs:config}: a key is
 * {@code <pid>.<key>} (e.g. {@code io.ipfskit.host.lowWater}), as kubo's dotted keys.
 */
public final class ConfigRpcCommands {

    private ConfigRpcCommands() {
    }

    /**
     * {@code config?arg=KEY[&arg=VALUE]}: {@code {"Key","Value"}}; with a value, sets it after checking it (a key that
     * does not exist, or a value its type refuses, changes nothing).
     */
    @Component(property = RpcCommand.NAME + "=config")
    public static final class Config implements RpcCommand {
        private final ConfigCommands commands;

        /** Reads and sets configuration through the shell's checks. */
        @Activate
        public Config(@Reference ConfigCommands commands) {
            this.commands = commands;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            String dotted = request.argument(0, "key");
            int dot = dotted.lastIndexOf('.');
            if (dot <= 0 || dot == dotted.length() - 1) {
                throw RpcException.client("key \"" + dotted + "\" is not <pid>.<key>, e.g. io.ipfskit.host.lowWater");
            }
            String pid = dotted.substring(0, dot);
            String key = dotted.substring(dot + 1);
            try {
                commands.value(pid, key);
                if (request.arguments().size() > 1) {
                    commands.config(pid, key, request.arguments().get(1));
                }
                Map<String, Object> reply = new LinkedHashMap<>();
                reply.put("Key", dotted);
                reply.put("Value", commands.value(pid, key));
                response.json(reply);
            } catch (IllegalArgumentException e) {
                throw RpcException.client(e.getMessage());
            }
        }
    }

    /** {@code config/show}: every key of every PID with its value, configured or default. */
    @Component(property = RpcCommand.NAME + "=config/show")
    public static final class Show implements RpcCommand {
        private final ConfigCommands commands;

        /** Reads configuration through the shell's view of it. */
        @Activate
        public Show(@Reference ConfigCommands commands) {
            this.commands = commands;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            response.json(commands.show());
        }
    }
}
