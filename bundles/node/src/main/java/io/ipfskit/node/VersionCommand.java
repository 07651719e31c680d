package io.ipfskit.node;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.node.Node;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** RPC {@code version}: the running version in kubo's shape, with the JVM in place of Go. */
@Component(property = RpcCommand.NAME + "=version")
public final class VersionCommand implements RpcCommand {

    /** The repo layout version; bumped when the on-disk layout changes. */
    static final String REPO_VERSION = "1";

    private final Node node;

    @Activate
    public VersionCommand(@Reference Node node) {
        this.node = node;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        Map<String, Object> version = new LinkedHashMap<>();
        version.put("Version", node.agentVersion().substring(node.agentVersion().indexOf('/') + 1));
        version.put("Commit", "");
        version.put("Repo", REPO_VERSION);
        version.put("System", System.getProperty("os.arch") + "/" + System.getProperty("os.name").toLowerCase());
        version.put("Java", System.getProperty("java.version"));
        response.json(version);
    }
}
