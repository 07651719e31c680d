package io.ipfskit.shell;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.RuntimeProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Gogo commands in scope {@code ipfs}: node info, our bundles and components, hot swap (ipfs:config is the config bundle's). */
@Component(service = IpfsCommands.class, property = {
    "osgi.command.scope=ipfs",
    "osgi.command.function=info",
    "osgi.command.function=bundles",
    "osgi.command.function=components",
    "osgi.command.function=start",
    "osgi.command.function=stop"})
public final class IpfsCommands {

    private static final String OUR_PREFIX = "io.ipfskit.";

    private final BundleContext context;
    private final Node node;
    private final ServiceComponentRuntime scr;

    @Activate
    public IpfsCommands(BundleContext context, @Reference Node node, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.node = node;
        this.scr = scr;
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

    @Descriptor("lists IPFS Kit bundles with their state")
    public String bundles() {
        StringJoiner out = new StringJoiner("\n");
        out.add(String.format("%4s  %-10s %-40s %s", "ID", "State", "Bundle", "Version"));
        for (Bundle bundle : context.getBundles()) {
            if (isOurs(bundle)) {
                out.add(String.format("%4d  %-10s %-40s %s", bundle.getBundleId(), BundleStates.name(bundle.getState()),
                        bundle.getSymbolicName(), bundle.getVersion()));
            }
        }
        return out.toString();
    }

    @Descriptor("lists the declarative services components of IPFS Kit bundles with their state")
    public String components() {
        StringJoiner out = new StringJoiner("\n");
        out.add(String.format("%-12s %-40s %s", "State", "Component", "Bundle"));
        List<ComponentDescriptionDTO> descriptions = new ArrayList<>(scr.getComponentDescriptionDTOs());
        descriptions.sort((a, b) -> a.name.compareTo(b.name));
        for (ComponentDescriptionDTO description : descriptions) {
            if (!description.bundle.symbolicName.startsWith(OUR_PREFIX)) {
                continue;
            }
            String state = scr.isComponentEnabled(description) ? "unsatisfied" : "disabled";
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                state = BundleStates.component(configuration.state);
            }
            out.add(String.format("%-12s %-40s %s", state, description.name, description.bundle.symbolicName));
        }
        return out.toString();
    }

    @Descriptor("starts one of our bundles by symbolic name (its services join at once)")
    public String start(@Descriptor("symbolic name, e.g. io.ipfskit.storage.tier.memory") String name) throws BundleException {
        Bundle bundle = ours(name);
        bundle.start();
        return name + " " + BundleStates.name(bundle.getState());
    }

    @Descriptor("stops one of our bundles by symbolic name (its services leave at once)")
    public String stop(@Descriptor("symbolic name, e.g. io.ipfskit.storage.tier.memory") String name) throws BundleException {
        Bundle bundle = ours(name);
        bundle.stop();
        return name + " " + BundleStates.name(bundle.getState());
    }

    private Bundle ours(String name) {
        for (Bundle bundle : context.getBundles()) {
            if (isOurs(bundle) && bundle.getSymbolicName().equals(name)) {
                return bundle;
            }
        }
        throw new IllegalArgumentException("no IPFS Kit bundle named " + name + " (see ipfs:bundles)");
    }

    private static boolean isOurs(Bundle bundle) {
        return bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(OUR_PREFIX);
    }
}
