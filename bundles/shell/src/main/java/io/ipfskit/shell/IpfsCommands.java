package io.ipfskit.shell;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.RuntimeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo {@code ipfs:info}: this node (hot swap is {@link BundleGogoCommands}', which needs no node; ipfs:config is the
 * config bundle's).
 */
@Component(service = IpfsCommands.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=info"})
public final class IpfsCommands {

    private final BundleContext context;
    private final Node node;

    @Activate
    public IpfsCommands(BundleContext context, @Reference Node node) {
        this.context = context;
        this.node = node;
    }

    @Descriptor("shows this node: peer id, role, repo, agent, offline or not, API address")
    public String info() throws IOException {
        Path api = node.repo().resolve("api");
        return "PeerID:  " + node.peerId() + "\n"
                + "Role:    " + node.role().id() + "\n"
                + "Repo:    " + node.repo() + "\n"
                + "Agent:   " + node.agentVersion() + "\n"
                + "Offline: " + Boolean.parseBoolean(context.getProperty(RuntimeProperties.OFFLINE)) + "\n"
                + "API:     " + (Files.exists(api) ? Files.readString(api).trim() : "(not listening)");
    }
}
