package io.ipfskit.node;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import java.io.IOException;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** RPC {@code shutdown}, as kubo's: replies, then stops the framework, which ends the daemon as SIGTERM does. */
@Component(property = RpcCommand.NAME + "=shutdown")
public final class ShutdownCommand implements RpcCommand {

    private static final System.Logger LOG = System.getLogger(ShutdownCommand.class.getName());

    private final BundleContext context;

    @Activate
    public ShutdownCommand(BundleContext context) {
        this.context = context;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws IOException {
        response.json(Map.of());
        // Framework.stop returns at once and stops every bundle (this one too) on a thread of its own.
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.ERROR, "shutdown: the framework refused to stop: {0}", e.getMessage());
        }
    }
}
