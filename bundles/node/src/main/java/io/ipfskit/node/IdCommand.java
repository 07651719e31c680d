package io.ipfskit.node;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.protocol.ProtocolHandler;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** RPC {@code id}: this node's identity in kubo's shape, with the protocols whose handlers are registered now. */
@Component(property = RpcCommand.NAME + "=id")
public final class IdCommand implements RpcCommand {

    private final Node node;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ProtocolHandler> handlers;

    @Activate
    public IdCommand(@Reference Node node) {
        this.node = node;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        if (!request.arguments().isEmpty() && !request.arguments().get(0).equals(node.peerId().toBase58())) {
            throw RpcException.notFound("peer " + request.arguments().get(0) + " is not known to this node");
        }
        response.json(describe());
    }

    /** The identity as kubo's {@code id} reports it. */
    Map<String, Object> describe() {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("ID", node.peerId().toBase58());
        id.put("PublicKey", Base64.getEncoder().encodeToString(node.publicKey().marshal()));
        id.put("Addresses", List.of());
        id.put("AgentVersion", node.agentVersion());
        id.put("Protocols", handlers.stream().map(ProtocolHandler::protocolId).sorted().distinct().toList());
        return id;
    }
}
