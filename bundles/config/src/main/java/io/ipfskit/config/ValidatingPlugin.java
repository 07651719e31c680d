package io.ipfskit.config;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Refuses configuration values that their metatype does not allow, whatever wrote them (an {@code etc/*.cfg} file
 * through FileInstall, the shell, ConfigAdmin): ConfigAdmin runs this plugin on every delivery (SCR asks for the
 * processed properties), and a refused update is delivered as the PID's last good properties, so the component keeps
 * running as it was; with none yet, the refused keys are left out and their defaults apply. One line per refusal.
 */
@Component(immediate = true, property = ConfigurationPlugin.CM_RANKING + ":Integer=100")
public final class ValidatingPlugin implements ConfigurationPlugin {

    private static final System.Logger LOG = System.getLogger(ValidatingPlugin.class.getName());
    /** Properties that identify a configuration rather than set it: never replaced. */
    private static final Set<String> IDENTITY = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final Function<String, Optional<ObjectClassDefinition>> definitions;
    private final Map<String, Hashtable<String, Object>> lastGood = new ConcurrentHashMap<>();
    private final Map<String, String> lastReported = new ConcurrentHashMap<>();

    @Activate
    public ValidatingPlugin(BundleContext context, @Reference MetaTypeService metaType) {
        this(new Definitions(context, metaType)::find);
    }

    /** A plugin that finds the definition of a PID with the given function. */
    ValidatingPlugin(Function<String, Optional<ObjectClassDefinition>> definitions) {
        this.definitions = definitions;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> properties) {
        if (!(properties.get(Constants.SERVICE_PID) instanceof String pid)) {
            return;
        }
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        List<Refusal> refusals;
        try {
            refusals = definitions.apply(factoryPid instanceof String f ? f : pid)
                    .map(d -> ConfigCheck.refusals(pid, d, properties)).orElse(List.of());
        } catch (RuntimeException e) {
            // Never fail a delivery: a plugin that throws could leave the component with no configuration at all.
            LOG.log(System.Logger.Level.WARNING, "configuration " + pid + " delivered unchecked", e);
            return;
        }
        if (refusals.isEmpty()) {
            lastGood.put(pid, copy(properties));
            lastReported.remove(pid);
            return;
        }
        Hashtable<String, Object> good = lastGood.get(pid);
        if (good != null) {
            replace(properties, good);
        } else {
            refusals.forEach(r -> properties.remove(r.key()));
        }
        String line = refusals.get(0).line() + (good != null ? "; keeping the previous configuration"
                : "; using the default") + (refusals.size() > 1 ? " (and " + (refusals.size() - 1) + " more refused)" : "");
        if (!line.equals(lastReported.put(pid, line))) {
            LOG.log(System.Logger.Level.ERROR, line);
        }
    }

    private static void replace(Dictionary<String, Object> properties, Hashtable<String, Object> good) {
        for (String key : Collections.list(properties.keys())) {
            if (!IDENTITY.contains(key)) {
                properties.remove(key);
            }
        }
        good.forEach((key, value) -> {
            if (!IDENTITY.contains(key)) {
                properties.put(key, value);
            }
        });
    }

    private static Hashtable<String, Object> copy(Dictionary<String, Object> properties) {
        Hashtable<String, Object> copy = new Hashtable<>();
        for (String key : Collections.list(properties.keys())) {
            copy.put(key, properties.get(key));
        }
        return copy;
    }
}
