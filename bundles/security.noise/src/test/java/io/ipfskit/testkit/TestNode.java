package io.ipfskit.testkit;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.multiformats.keys.PublicKey;
import java.nio.file.Path;

/** A {@link Node} for tests: a freshly generated Ed25519 identity, role worker, no repository. */
public final class TestNode implements Node {

    private final PrivateKey key = PrivateKey.generateEd25519();
    private final PeerId peerId = PeerId.fromPublicKey(key.publicKey());

    @Override
    public PeerId peerId() {
        return peerId;
    }

    @Override
    public PublicKey publicKey() {
        return key.publicKey();
    }

    @Override
    public byte[] sign(byte[] data) {
        return key.sign(data);
    }

    @Override
    public NodeRole role() {
        return NodeRole.WORKER;
    }

    @Override
    public Path repo() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public String agentVersion() {
        return "ipfs-kit/test";
    }
}
