package io.ipfskit.api.node;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PublicKey;
import java.nio.file.Path;

/** The running node: its libp2p identity, its role and its repository; registered once. */
public interface Node {

    /** This node's peer id, derived from its public key. */
    PeerId peerId();

    /** This node's public key. */
    PublicKey publicKey();

    /** Signs data with this node's private key (the key itself never leaves the node bundle). */
    byte[] sign(byte[] data);

    /** The configured role. */
    NodeRole role();

    /** The repository directory holding keys, blocks and configuration. */
    Path repo();

    /** The agent version announced to peers, e.g. {@code ipfs-kit/0.1.0}. */
    String agentVersion();
}
