package io.ipfskit.shell;

import io.ipfskit.shell.BundleControl.Operation;
import io.ipfskit.shell.ComponentGraph.ComponentView;
import io.ipfskit.shell.ComponentGraph.Provider;
import io.ipfskit.shell.ComponentGraph.ReferenceView;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Gogo hot swap in scope {@code ipfs}: our bundles and components, {@code stop}, {@code start}, {@code restart} by
 * symbolic name, and {@code components NAME} with each reference and what satisfies it. Needs no node, so it stays
 * while every other bundle of ours is stopped.
 */
@Component(service = BundleGogoCommands.class, property = {
    "osgi.command.scope=ipfs",
    "osgi.command.function=bundles",
    "osgi.command.function=components",
    "osgi.command.function=start",
    "osgi.command.function=stop",
    "osgi.command.function=restart"})
public final class BundleGogoCommands {

    private final BundleControl control;
    private final ComponentGraph graph;

    @Activate
    public BundleGogoCommands(@Reference BundleControl control, @Reference ServiceComponentRuntime scr,
            BundleContext context) {
        this.control = control;
        this.graph = new ComponentGraph(scr, context);
    }

    @Descriptor("lists IPFS Kit bundles with their state")
    public String bundles() {
        StringJoiner out = new StringJoiner("\n");
        out.add(String.format("%4s  %-10s %-40s %s", "ID", "State", "Bundle", "Version"));
        for (Bundle bundle : control.ours()) {
            out.add(String.format("%4d  %-10s %-40s %s", bundle.getBundleId(), BundleStates.name(bundle.getState()),
                    bundle.getSymbolicName(), bundle.getVersion()));
        }
        return out.toString();
    }

    @Descriptor("lists the declarative services components of IPFS Kit bundles with their state")
    public String components() {
        StringJoiner out = new StringJoiner("\n");
        out.add(String.format("%-12s %-40s %s", "State", "Component", "Bundle"));
        for (ComponentView component : graph.summary(BundleControl.OURS)) {
            out.add(String.format("%-12s %-40s %s", component.state(), component.name(), component.bundle()));
        }
        return out.toString();
    }

    @Descriptor("shows the components of one bundle (or one component): each reference and the services that satisfy it,"
            + " and what stopping the bundle would take down with it")
    public String components(@Descriptor("bundle symbolic name or component name, e.g. io.ipfskit.host") String name) {
        List<ComponentView> components = graph.component(name);
        if (!components.isEmpty()) {
            return describe(components);
        }
        Bundle bundle = control.ours(name);
        if (bundle.getState() != Bundle.ACTIVE) {
            return name + " is " + BundleStates.name(bundle.getState()) + ": its components run only while it is active";
        }
        Set<String> alsoStopped = graph.stoppedWith(bundle);
        return describe(graph.componentsOf(bundle)) + "\nStopping " + name + " also stops: "
                + (alsoStopped.isEmpty() ? "no component of another bundle" : String.join(", ", alsoStopped));
    }

    @Descriptor("starts one of our bundles by symbolic name (its services join at once)")
    public String start(@Descriptor("symbolic name, e.g. io.ipfskit.storage.tier.memory") String name) throws InterruptedException {
        return name + " " + control.run(Operation.START, control.ours(name));
    }

    @Descriptor("stops one of our bundles by symbolic name (its services leave at once)")
    public String stop(@Descriptor("symbolic name, e.g. io.ipfskit.storage.tier.memory") String name) throws InterruptedException {
        return name + " " + control.run(Operation.STOP, control.ours(name));
    }

    @Descriptor("stops and starts one of our bundles by symbolic name")
    public String restart(@Descriptor("symbolic name, e.g. io.ipfskit.host") String name) throws InterruptedException {
        return name + " " + control.run(Operation.RESTART, control.ours(name));
    }

    private static String describe(List<ComponentView> components) {
        StringJoiner out = new StringJoiner("\n");
        for (ComponentView component : components) {
            out.add(component.name() + "  " + component.state() + "  (" + component.bundle() + ")");
            for (ReferenceView reference : component.references()) {
                out.add("  " + reference.service() + "  " + reference.cardinality() + " " + reference.policy()
                        + (reference.target() == null ? "" : " " + reference.target())
                        + (reference.satisfied() ? "" : "  UNSATISFIED"));
                for (Provider provider : reference.providers()) {
                    out.add("    " + (provider.bound() ? "bound to " : "offered by ")
                            + (provider.component() == null ? "a service" : provider.component())
                            + " (" + provider.bundle() + ", service " + provider.serviceId() + ")");
                }
                if (reference.providers().isEmpty()) {
                    out.add("    no service offers it");
                }
            }
        }
        return out.toString();
    }
}
