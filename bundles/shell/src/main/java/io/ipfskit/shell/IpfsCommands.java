package io.ipfskit.shell;

import io.ipfskit.api.node.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.StringJoiner;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** Gogo commands in scope {@code ipfs}: node info, our bundles and components, configuration. */
@Component(service = IpfsCommands.class, property = {
    "osgi.command.scope=ipfs",
    "osgi.command.function=info",
    "osgi.command.function=bundles",
    "osgi.command.function=components",
    "osgi.command.function=config",
    "osgi.command.function=start",
    "osgi.command.function=stop"})
public final class IpfsCommands {

    private static final String OUR_PREFIX = "io.ipfskit.";

    private final BundleContext context;
    private final Node node;
    private final ServiceComponentRuntime scr;
    private final ConfigurationAdmin configAdmin;

    @Activate
    public IpfsCommands(BundleContext context, @Reference Node node, @Reference ServiceComponentRuntime scr,
            @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.node = node;
        this.scr = scr;
        this.configAdmin = configAdmin;
    }

    @Descriptor("shows this node: peer id, role, repo, agent, API address")
    public String info() throws IOException {
        Path api = node.repo().resolve("api");
        return "PeerID:  " + node.peerId() + "\n"
                + "Role:    " + node.role().id() + "\n"
                + "Repo:    " + node.repo() + "\n"
                + "Agent:   " + node.agentVersion() + "\n"
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

    @Descriptor("shows a configuration: every property of a PID")
    public String config(@Descriptor("configuration PID, e.g. io.ipfskit.node") String pid) throws IOException {
        Dictionary<String, Object> properties = existing(pid);
        if (properties == null) {
            return pid + ": no configuration (defaults apply)";
        }
        List<String> keys = Collections.list(properties.keys());
        Collections.sort(keys);
        StringJoiner out = new StringJoiner("\n");
        for (String key : keys) {
            out.add(key + " = " + properties.get(key));
        }
        return out.toString();
    }

    @Descriptor("shows one property of a configuration")
    public String config(@Descriptor("configuration PID") String pid, @Descriptor("property") String key) throws IOException {
        Dictionary<String, Object> properties = existing(pid);
        Object value = properties == null ? null : properties.get(key);
        return value == null ? pid + ": " + key + " is not set (default applies)" : String.valueOf(value);
    }

    @Descriptor("sets one property of a configuration; the component is reconfigured at once")
    public String config(@Descriptor("configuration PID") String pid, @Descriptor("property") String key,
            @Descriptor("value") String value) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(key, value);
        configuration.update(properties);
        return pid + ": " + key + " = " + value;
    }

    private Dictionary<String, Object> existing(String pid) throws IOException {
        Configuration[] found;
        try {
            found = configAdmin.listConfigurations("(service.pid=" + escape(pid) + ")");
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a configuration PID: " + pid);
        }
        return found == null || found.length == 0 ? null : found[0].getProperties();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    private static boolean isOurs(Bundle bundle) {
        return bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith(OUR_PREFIX);
    }
}
