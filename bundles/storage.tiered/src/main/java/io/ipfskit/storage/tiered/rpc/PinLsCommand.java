package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinned;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * RPC {@code pin/ls}, as kubo: every pinned block of {@code type} (direct, recursive, indirect or all, the default)
 * as {@code {"Keys": {cid: {"Type": ...}}}}, or one {@code {"Cid","Type"}} line each with {@code stream=true}; with
 * CID arguments, how each is pinned ({@code indirect through ROOT}), and an error for one that is not.
 */
@Component(property = RpcCommand.NAME + "=pin/ls")
public final class PinLsCommand implements RpcCommand {

    private final Pinning pinning;

    /** The command over the node's pins. */
    @Activate
    public PinLsCommand(@Reference Pinning pinning) {
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        String wanted = request.option("type").orElse("all");
        PinType filter = switch (wanted) {
            case "all" -> null;
            case "direct" -> PinType.DIRECT;
            case "recursive" -> PinType.RECURSIVE;
            case "indirect" -> PinType.INDIRECT;
            default -> throw RpcException.client("invalid type '" + wanted + "', must be one of {direct, indirect, recursive, all}");
        };
        Map<String, String> found = request.arguments().isEmpty() ? null : of(request, filter);
        if (request.flag("stream", false)) {
            RpcResponse.JsonStream out = response.jsonStream();
            if (found != null) {
                for (Map.Entry<String, String> pin : found.entrySet()) {
                    out.send(line(pin.getKey(), pin.getValue()));
                }
                return;
            }
            try {
                pinning.forEachPinned(filter, (cid, type) -> {
                    try {
                        out.send(line(cid.toString(), name(type)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            return;
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        if (found != null) {
            found.forEach((cid, type) -> keys.put(cid, Map.of("Type", type)));
        } else {
            pinning.forEachPinned(filter, (cid, type) -> keys.put(cid.toString(), Map.of("Type", name(type))));
        }
        response.json(Map.of("Keys", keys));
    }

    /** How each argument is pinned (of the wanted type), or a client error for the first that is not. */
    private Map<String, String> of(RpcRequest request, PinType filter) throws RpcException, IOException {
        Map<String, String> found = new LinkedHashMap<>();
        for (Cid cid : Cids.arguments(request)) {
            Optional<Pinned> pinned = pinning.pinned(cid);
            if (pinned.isEmpty() || (filter != null && filter != pinned.get().type())) {
                throw RpcException.client("path '" + cid + "' is not pinned");
            }
            found.put(cid.toString(), pinned.get().describe());
        }
        return found;
    }

    private static Map<String, Object> line(String cid, String type) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("Cid", cid);
        line.put("Type", type);
        return line;
    }

    private static String name(PinType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
