package io.ipfskit.node;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.PeerData;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.multiformats.PeerId;
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

/**
 * RPC {@code id [PEER]}: this node's identity in kubo's shape (its listen addresses when a host runs, and the protocols
 * whose handlers are registered now), or what the peerstore knows of another peer.
 */
@Component(property = RpcCommand.NAME + "=id")
public final class IdCommand implements RpcCommand {

    private final Node node;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ProtocolHandler> handlers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Host host;

    @Activate
    public IdCommand(@Reference Node node) {
        this.node = node;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        if (request.arguments().isEmpty()) {
            response.json(describe());
            return;
        }
        PeerId peer = parsePeer(request.arguments().get(0));
        if (peer.equals(node.peerId())) {
            response.json(describe());
            return;
        }
        Host current = host;
        PeerData data = current == null ? null : current.peerstore().get(peer).orElse(null);
        if (data == null) {
            throw RpcException.notFound("peer " + peer + " is not known to this node");
        }
        response.json(describe(peer, data));
    }

    private static PeerId parsePeer(String text) throws RpcException {
        try {
            return PeerId.parse(text);
        } catch (IllegalArgumentException e) {
            throw RpcException.client("invalid peer id \"" + text + "\": " + e.getMessage());
        }
    }

    /** What the peerstore knows of another peer, in the same shape. */
    private static Map<String, Object> describe(PeerId peer, PeerData data) {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("ID", peer.toBase58());
        id.put("PublicKey", data.publicKey() == null ? "" : Base64.getEncoder().encodeToString(data.publicKey().marshal()));
        id.put("Addresses", data.addresses().stream().map(a -> a.withPeerId(peer).toString()).sorted().toList());
        id.put("AgentVersion", data.agentVersion() == null ? "" : data.agentVersion());
        id.put("Protocols", data.protocols().stream().sorted().toList());
        return id;
    }

    /** The identity as kubo's {@code id} reports it. */
    Map<String, Object> describe() {
        Map<String, Object> id = new LinkedHashMap<>();
        id.put("ID", node.peerId().toBase58());
        id.put("PublicKey", Base64.getEncoder().encodeToString(node.publicKey().marshal()));
        Host current = host;
        id.put("Addresses", current == null ? List.of()
                : current.listenAddresses().stream().map(a -> a.withPeerId(node.peerId()).toString()).toList());
        id.put("AgentVersion", node.agentVersion());
        id.put("Protocols", handlers.stream().map(ProtocolHandler::protocolId).sorted().distinct().toList());
        return id;
    }
}
