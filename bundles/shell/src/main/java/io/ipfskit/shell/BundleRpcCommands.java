package io.ipfskit.shell;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.shell.BundleControl.Operation;
import io.ipfskit.shell.ComponentGraph.ComponentView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The RPC {@code bundle/*} commands, one service each, for scripts as {@code ipfs:*} is for people: {@code bundle/ls},
 * {@code bundle/stop}, {@code bundle/start}, {@code bundle/restart} and {@code bundle/components}. A stop or restart
 * that would take down what serves the request (the RPC API, the shell's ipfs:rpc) answers first and acts just after.
 */
public final class BundleRpcCommands {

    private BundleRpcCommands() {
    }

    /** {@code bundle/ls}: our bundles with their state. */
    @Component(property = RpcCommand.NAME + "=bundle/ls")
    public static final class Ls implements RpcCommand {
        private final BundleControl control;

        @Activate
        public Ls(@Reference BundleControl control) {
            this.control = control;
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws IOException {
            List<Map<String, Object>> bundles = new ArrayList<>();
            for (Bundle bundle : control.ours()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("ID", bundle.getBundleId());
                entry.put("Name", bundle.getSymbolicName());
                entry.put("State", BundleStates.name(bundle.getState()));
                entry.put("Version", bundle.getVersion().toString());
                bundles.add(entry);
            }
            response.json(Map.of("Bundles", bundles));
        }
    }

    /** {@code bundle/stop?arg=NAME}. */
    @Component(service = RpcCommand.class, property = RpcCommand.NAME + "=bundle/stop")
    public static final class Stop extends Operate {
        @Activate
        public Stop(@Reference BundleControl control, @Reference ServiceComponentRuntime scr, BundleContext context) {
            super(Operation.STOP, control, scr, context);
        }
    }

    /** {@code bundle/start?arg=NAME}. */
    @Component(service = RpcCommand.class, property = RpcCommand.NAME + "=bundle/start")
    public static final class Start extends Operate {
        @Activate
        public Start(@Reference BundleControl control, @Reference ServiceComponentRuntime scr, BundleContext context) {
            super(Operation.START, control, scr, context);
        }
    }

    /** {@code bundle/restart?arg=NAME}. */
    @Component(service = RpcCommand.class, property = RpcCommand.NAME + "=bundle/restart")
    public static final class Restart extends Operate {
        @Activate
        public Restart(@Reference BundleControl control, @Reference ServiceComponentRuntime scr, BundleContext context) {
            super(Operation.RESTART, control, scr, context);
        }
    }

    /**
     * {@code bundle/components[?arg=NAME]}: without a name every component of ours with its state; with a bundle or
     * component name its references, the services matching each, and (for a bundle) what stopping it also stops.
     */
    @Component(property = RpcCommand.NAME + "=bundle/components")
    public static final class Components implements RpcCommand {
        private final BundleControl control;
        private final ComponentGraph graph;

        @Activate
        public Components(@Reference BundleControl control, @Reference ServiceComponentRuntime scr, BundleContext context) {
            this.control = control;
            this.graph = new ComponentGraph(scr, context);
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            Map<String, Object> reply = new LinkedHashMap<>();
            if (request.arguments().isEmpty()) {
                reply.put("Components", graph.summary(BundleControl.OURS).stream().map(Components::summary).toList());
                response.json(reply);
                return;
            }
            String name = request.arguments().get(0);
            List<ComponentView> components = graph.component(name);
            if (components.isEmpty()) {
                Bundle bundle = bundle(control, name);
                components = graph.componentsOf(bundle);
                reply.put("Bundle", name);
                reply.put("State", BundleStates.name(bundle.getState()));
                reply.put("StoppingAlsoStops", bundle.getState() == Bundle.ACTIVE ? graph.stoppedWith(bundle) : Set.of());
            }
            reply.put("Components", components.stream().map(Components::detail).toList());
            response.json(reply);
        }

        private static Map<String, Object> summary(ComponentView component) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("Name", component.name());
            out.put("Bundle", component.bundle());
            out.put("State", component.state());
            return out;
        }

        private static Map<String, Object> detail(ComponentView component) {
            Map<String, Object> out = summary(component);
            out.put("References", component.references().stream().map(r -> {
                Map<String, Object> reference = new LinkedHashMap<>();
                reference.put("Name", r.name());
                reference.put("Service", r.service());
                reference.put("Cardinality", r.cardinality());
                reference.put("Policy", r.policy());
                reference.put("Target", r.target());
                reference.put("Satisfied", r.satisfied());
                reference.put("Providers", r.providers().stream().map(p -> {
                    Map<String, Object> provider = new LinkedHashMap<>();
                    provider.put("ServiceID", p.serviceId());
                    provider.put("Bundle", p.bundle());
                    provider.put("Component", p.component());
                    provider.put("Bound", p.bound());
                    return provider;
                }).toList());
                return reference;
            }).toList());
            return out;
        }
    }

    /** Stop, start or restart one bundle; answers its state after, or first when the operation takes the answerer down. */
    abstract static class Operate implements RpcCommand {
        private final Operation operation;
        private final BundleControl control;
        private final ComponentGraph graph;

        Operate(Operation operation, BundleControl control, ServiceComponentRuntime scr, BundleContext context) {
            this.operation = operation;
            this.control = control;
            this.graph = new ComponentGraph(scr, context);
        }

        @Override
        public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
            String name = request.argument(0, "name");
            Bundle bundle = bundle(control, name);
            try {
                control.checkAllowed(operation, bundle);
            } catch (IllegalArgumentException e) {
                throw RpcException.client(e.getMessage());
            }
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("Name", name);
            if (operation != Operation.START && bundle.getState() == Bundle.ACTIVE && stopsCommandServers(bundle)) {
                reply.put("State", operation == Operation.STOP ? "Stopping" : "Restarting");
                reply.put("Message", "this " + operation.word() + " takes down what serves this request; it runs right"
                        + " after this reply");
                response.json(reply);
                control.submit(operation, bundle);
                return;
            }
            try {
                reply.put("State", control.run(operation, bundle));
            } catch (IllegalStateException e) {
                throw new RpcException(RpcException.Kind.NORMAL, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RpcException(RpcException.Kind.NORMAL, "interrupted while waiting for the " + operation.word());
            }
            response.json(reply);
        }

        /** Whether stopping the bundle stops a component that serves RPC commands (the API, the shell's ipfs:rpc). */
        private boolean stopsCommandServers(Bundle bundle) {
            Set<String> going = new HashSet<>(graph.stoppedWith(bundle));
            graph.componentsOf(bundle).forEach(c -> going.add(c.name()));
            return graph.componentsUsing(RpcCommand.class.getName()).stream().anyMatch(going::contains);
        }
    }

    private static Bundle bundle(BundleControl control, String name) throws RpcException {
        try {
            return control.ours(name);
        } catch (IllegalArgumentException e) {
            throw RpcException.notFound(e.getMessage() + " (bundle/ls lists them)");
        }
    }
}
