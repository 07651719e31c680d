package io.ipfskit.config;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Gogo {@code ipfs:config}: lists the PIDs; shows a PID's keys with their values, defaults and types; sets one key
 * after checking it against the PID's metatype (a value it refuses changes nothing and fails with one line).
 */
@Component(service = ConfigCommands.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=config"})
public final class ConfigCommands {

    private static final String OURS = "io.ipfskit.";

    private final ConfigurationAdmin configAdmin;
    private final Definitions definitions;

    @Activate
    public ConfigCommands(BundleContext context, @Reference ConfigurationAdmin configAdmin, @Reference MetaTypeService metaType) {
        this.configAdmin = configAdmin;
        this.definitions = new Definitions(context, metaType);
    }

    @Descriptor("lists the configuration PIDs of IPFS Kit components and those configured")
    public String config() throws IOException {
        SortedSet<String> pids = new TreeSet<>(definitions.pids(OURS));
        SortedSet<String> configured = new TreeSet<>();
        for (Configuration configuration : configurations(null)) {
            configured.add(configuration.getPid());
        }
        pids.addAll(configured);
        StringJoiner out = new StringJoiner("\n");
        pids.forEach(pid -> out.add(pid + (configured.contains(pid) ? "  (configured)" : "")));
        return out.toString();
    }

    @Descriptor("shows every key of a configuration: value, default and type")
    public String config(@Descriptor("configuration PID, e.g. io.ipfskit.host") String pid) throws IOException {
        Dictionary<String, Object> properties = existing(pid);
        Optional<ObjectClassDefinition> definition = definitions.find(pid);
        if (definition.isEmpty() && properties == null) {
            throw new IllegalArgumentException("no configuration PID " + pid + " (ipfs:config lists them)");
        }
        StringJoiner out = new StringJoiner("\n");
        SortedSet<String> described = new TreeSet<>();
        for (AttributeDefinition attribute : definition.map(ConfigCheck::attributes).orElse(new AttributeDefinition[0])) {
            described.add(attribute.getID());
            Object value = properties == null ? null : properties.get(attribute.getID());
            out.add(attribute.getID() + " = " + (value == null ? "(default)" : text(value)) + "    default: "
                    + text(attribute.getDefaultValue()) + "    " + ConfigCheck.expected(attribute));
        }
        if (properties != null) {
            for (String key : new TreeSet<>(Collections.list(properties.keys()))) {
                if (!described.contains(key)) {
                    out.add(key + " = " + text(properties.get(key)));
                }
            }
        }
        return out.toString();
    }

    @Descriptor("shows one key of a configuration")
    public String config(@Descriptor("configuration PID") String pid, @Descriptor("key") String key) throws IOException {
        Dictionary<String, Object> properties = existing(pid);
        Object value = properties == null ? null : properties.get(key);
        return value == null ? pid + ": " + key + " is not set (default applies)" : text(value);
    }

    @Descriptor("sets one key of a configuration after checking it; the component is reconfigured at once")
    public String config(@Descriptor("configuration PID") String pid, @Descriptor("key") String key,
            @Descriptor("value") String value) throws IOException {
        Configuration configuration = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(key, value);
        Optional<ObjectClassDefinition> definition = definitions.find(pid);
        if (definition.isPresent()) {
            List<String> keys = Arrays.stream(ConfigCheck.attributes(definition.get())).map(AttributeDefinition::getID).toList();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("configuration " + pid + " has no key " + key + " (keys: "
                        + String.join(", ", keys) + ")");
            }
            List<Refusal> refusals = ConfigCheck.refusals(pid, definition.get(), properties);
            if (!refusals.isEmpty()) {
                throw new IllegalArgumentException(refusals.get(0).line() + "; nothing changed");
            }
        }
        configuration.update(properties);
        return pid + ": " + key + " = " + value;
    }

    /** Every key of every IPFS Kit PID with its value, configured or default, as text (RPC {@code config/show}). */
    java.util.SortedMap<String, java.util.SortedMap<String, String>> show() throws IOException {
        java.util.SortedMap<String, java.util.SortedMap<String, String>> all = new java.util.TreeMap<>();
        for (String pid : definitions.pids(OURS)) {
            java.util.SortedMap<String, String> keys = new java.util.TreeMap<>();
            for (AttributeDefinition attribute : definitions.find(pid).map(ConfigCheck::attributes).orElse(new AttributeDefinition[0])) {
                keys.put(attribute.getID(), value(pid, attribute.getID()));
            }
            all.put(pid, keys);
        }
        return all;
    }

    /** A key's value as text: the configured one, else its metatype default; unknown PIDs and keys are refused. */
    String value(String pid, String key) throws IOException {
        Dictionary<String, Object> properties = existing(pid);
        if (properties == null && definitions.find(pid).isEmpty()) {
            throw new IllegalArgumentException("no configuration PID " + pid + " (keys are <pid>.<key>, e.g. "
                    + "io.ipfskit.rpc.address; config show lists them)");
        }
        Object value = properties == null ? null : properties.get(key);
        if (value != null) {
            return text(value);
        }
        AttributeDefinition attribute = definitions.find(pid).stream().flatMap(d -> Arrays.stream(ConfigCheck.attributes(d)))
                .filter(a -> a.getID().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("configuration " + pid + " has no key " + key));
        return text(attribute.getDefaultValue());
    }

    private Dictionary<String, Object> existing(String pid) throws IOException {
        Configuration[] found = configurations("(service.pid=" + escape(pid) + ")");
        return found.length == 0 ? null : found[0].getProperties();
    }

    private Configuration[] configurations(String filter) throws IOException {
        try {
            Configuration[] found = configAdmin.listConfigurations(filter);
            return found == null ? new Configuration[0] : found;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("not a configuration PID: " + filter);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "(none)";
        }
        if (value instanceof String[] items) {
            return String.join(",", items);
        }
        return value.getClass().isArray() ? Arrays.deepToString(new Object[] {value}).replaceAll("^\\[|\\]$", "")
                : String.valueOf(value);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }
}
