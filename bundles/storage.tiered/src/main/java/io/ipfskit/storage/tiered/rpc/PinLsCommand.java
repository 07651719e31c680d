package io.ipfskit.storage.tiered.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code pin/ls}: the pinned roots as {@code {"Keys": {cid: {"Type": ...}}}}, filtered by {@code type}. */
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
        if (!wanted.equals("all") && !wanted.equals("direct") && !wanted.equals("recursive")) {
            throw RpcException.client("type must be all, direct or recursive (indirect pins are not listed)");
        }
        Map<String, Object> keys = new TreeMap<>();
        for (Map.Entry<io.ipfskit.multiformats.Cid, PinType> pin : pinning.pins().entrySet()) {
            String type = pin.getValue().name().toLowerCase(Locale.ROOT);
            if (wanted.equals("all") || wanted.equals(type)) {
                keys.put(pin.getKey().toString(), Map.of("Type", type));
            }
        }
        response.json(Map.of("Keys", keys));
    }
}
