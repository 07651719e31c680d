package io.ipfskit.node;

import io.ipfskit.api.node.FatalReporter;
import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.api.node.RuntimeProperties;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.KeyFile;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** The {@link Node} service: the identity kept in the repo and the configured role, updated live. */
@Component(service = Node.class, configurationPid = "io.ipfskit.node", immediate = true)
@Designate(ocd = NodeConfig.class)
public final class NodeService implements Node {

    private static final System.Logger LOG = System.getLogger(NodeService.class.getName());

    private final BundleContext context;
    private final Path repo;
    private final PrivateKey key;
    private final PeerId peerId;
    private final String agentVersion;
    private volatile NodeRole role;

    /** Loads (or creates) the identity. */
    @Activate
    public NodeService(BundleContext context, NodeConfig config) {
        this.context = context;
        this.repo = Repo.path(context);
        try {
            Files.createDirectories(repo);
            this.key = KeyFile.loadOrCreate(repo);
        } catch (IOException e) {
            throw FatalReporter.report(context, e.getMessage());
        }
        this.peerId = PeerId.fromPublicKey(key.publicKey());
        this.agentVersion = "ipfs-kit/" + Repo.version(context);
        this.role = roleOf(config);
        LOG.log(System.Logger.Level.DEBUG, "node {0} running as {1}", peerId, role.id());
    }

    /** Applies a new role without a restart; a bad value is logged and the node keeps its role. */
    @Modified
    void modified(NodeConfig config) {
        NodeRole next;
        try {
            next = roleOf(config);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.ERROR, "configuration io.ipfskit.node: {0}; keeping role {1}", e.getMessage(), role.id());
            return;
        }
        if (next != role) {
            role = next;
            LOG.log(System.Logger.Level.INFO, "node role is now {0}", role.id());
        }
    }

    private NodeRole roleOf(NodeConfig config) {
        String fromCommandLine = context.getProperty(RuntimeProperties.ROLE);
        return NodeRole.parse(fromCommandLine != null && !fromCommandLine.isBlank() ? fromCommandLine : config.role());
    }

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
        return role;
    }

    @Override
    public Path repo() {
        return repo;
    }

    @Override
    public String agentVersion() {
        return agentVersion;
    }
}
