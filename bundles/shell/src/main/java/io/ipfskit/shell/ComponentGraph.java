package io.ipfskit.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * The declarative services components as SCR reports them now: each reference with the services that can satisfy it
 * (and which of them are bound), and which components of other bundles stopping a bundle takes down with it (those left
 * with fewer providers than a mandatory reference needs, transitively).
 */
final class ComponentGraph {

    /** A component as shown: its state and references (none while it has no configuration). */
    record ComponentView(String name, String bundle, String state, List<ReferenceView> references) {
    }

    /** A reference: the service it wants, how many and how, and the registered services that match it. */
    record ReferenceView(String name, String service, String cardinality, String policy, String target,
            boolean satisfied, List<Provider> providers) {
    }

    /** A registered service matching a reference, who registered it, and whether the component holds it now. */
    record Provider(long serviceId, String bundle, String component, boolean bound) {
    }

    /** The reference DS 1.5 gives every component (to the framework's always-true condition): not worth showing. */
    private static final String SATISFYING_CONDITION = "osgi.ds.satisfying.condition";

    private final ServiceComponentRuntime scr;
    private final BundleContext context;

    ComponentGraph(ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    /** The components of the bundle, by name. */
    List<ComponentView> componentsOf(Bundle bundle) {
        return descriptions().stream().filter(d -> d.bundle.id == bundle.getBundleId()).map(this::view).toList();
    }

    /** The component of that name, if SCR knows one. */
    List<ComponentView> component(String name) {
        return descriptions().stream().filter(d -> d.name.equals(name)).map(this::view).toList();
    }

    /** Every component of the bundles whose symbolic name starts with the prefix, by name, with its state only. */
    List<ComponentView> summary(String prefix) {
        return descriptions().stream().filter(d -> d.bundle.symbolicName.startsWith(prefix))
                .map(d -> new ComponentView(d.name, d.bundle.symbolicName, state(d), List.of())).toList();
    }

    /** The names of the components with a reference to the service interface. */
    Set<String> componentsUsing(String serviceInterface) {
        return descriptions().stream().filter(d -> Arrays.stream(d.references).anyMatch(r -> r.interfaceName.equals(serviceInterface)))
                .map(d -> d.name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The components of other bundles that go down when the bundle stops: a running component goes when one of its
     * mandatory references is left with fewer matching services than it needs once the bundle's services (and those
     * of the components already going) are gone.
     */
    Set<String> stoppedWith(Bundle bundle) {
        List<ComponentConfigurationDTO> running = new ArrayList<>();
        descriptions().forEach(d -> running.addAll(scr.getComponentConfigurationDTOs(d)));
        running.removeIf(c -> c.state != ComponentConfigurationDTO.ACTIVE && c.state != ComponentConfigurationDTO.SATISFIED);
        Set<Long> going = new HashSet<>();
        running.stream().filter(c -> c.description.bundle.id == bundle.getBundleId()).forEach(c -> going.add(c.id));
        boolean grew = true;
        while (grew) {
            grew = false;
            Set<Long> emptied = bundlesAllGoing(running, going);
            for (ComponentConfigurationDTO configuration : running) {
                if (!going.contains(configuration.id) && losesAMandatoryReference(configuration, bundle, going, emptied)) {
                    going.add(configuration.id);
                    grew = true;
                }
            }
        }
        return running.stream().filter(c -> going.contains(c.id) && c.description.bundle.id != bundle.getBundleId())
                .map(c -> c.description.name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The bundles every running component of which is going (their services registered by hand go too). */
    private static Set<Long> bundlesAllGoing(List<ComponentConfigurationDTO> running, Set<Long> going) {
        Map<Long, Boolean> allGoing = running.stream().collect(Collectors.toMap(c -> c.description.bundle.id,
                c -> going.contains(c.id), Boolean::logicalAnd));
        return allGoing.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    private boolean losesAMandatoryReference(ComponentConfigurationDTO configuration, Bundle stopping, Set<Long> going,
            Set<Long> emptied) {
        for (ReferenceDTO reference : configuration.description.references) {
            int needed = minimum(reference.cardinality);
            if (needed == 0) {
                continue;
            }
            long left = matching(reference, target(configuration, reference.name)).stream()
                    .filter(s -> !goes(s, stopping, going, emptied)).count();
            if (left < needed) {
                return true;
            }
        }
        return false;
    }

    private static boolean goes(ServiceReference<?> service, Bundle stopping, Set<Long> going, Set<Long> emptied) {
        Bundle owner = service.getBundle();
        if (owner == null || owner.getBundleId() == stopping.getBundleId() || emptied.contains(owner.getBundleId())) {
            return true;
        }
        return service.getProperty(ComponentConstants.COMPONENT_ID) instanceof Long id && going.contains(id);
    }

    private ComponentView view(ComponentDescriptionDTO description) {
        Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            return new ComponentView(description.name, description.bundle.symbolicName, state(description), List.of());
        }
        ComponentConfigurationDTO configuration = configurations.iterator().next();
        List<ReferenceView> references = new ArrayList<>();
        for (ReferenceDTO reference : description.references) {
            if (reference.name.equals(SATISFYING_CONDITION)) {
                continue;
            }
            Set<Long> bound = new HashSet<>();
            boolean satisfied = true;
            for (SatisfiedReferenceDTO s : configuration.satisfiedReferences) {
                if (s.name.equals(reference.name)) {
                    Arrays.stream(s.boundServices).forEach(b -> bound.add(b.id));
                }
            }
            for (UnsatisfiedReferenceDTO u : configuration.unsatisfiedReferences) {
                satisfied &= !u.name.equals(reference.name);
            }
            List<Provider> providers = matching(reference, target(configuration, reference.name)).stream()
                    .map(s -> provider(s, bound)).sorted(Comparator.comparingLong(Provider::serviceId)).toList();
            references.add(new ReferenceView(reference.name, reference.interfaceName, reference.cardinality,
                    reference.policy, target(configuration, reference.name), satisfied, providers));
        }
        return new ComponentView(description.name, description.bundle.symbolicName,
                BundleStates.component(configuration.state), references);
    }

    private static Provider provider(ServiceReference<?> service, Set<Long> bound) {
        long id = (Long) service.getProperty(Constants.SERVICE_ID);
        Bundle owner = service.getBundle();
        Object component = service.getProperty(ComponentConstants.COMPONENT_NAME);
        return new Provider(id, owner == null ? "(gone)" : owner.getSymbolicName(),
                component instanceof String name ? name : null, bound.contains(id));
    }

    private String state(ComponentDescriptionDTO description) {
        Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
        if (configurations.isEmpty()) {
            return scr.isComponentEnabled(description) ? "no-config" : "disabled";
        }
        return BundleStates.component(configurations.iterator().next().state);
    }

    /** The reference's effective target filter in this configuration (configuration may change it), else its own. */
    private static String target(ComponentConfigurationDTO configuration, String reference) {
        for (SatisfiedReferenceDTO s : configuration.satisfiedReferences) {
            if (s.name.equals(reference)) {
                return s.target;
            }
        }
        for (UnsatisfiedReferenceDTO u : configuration.unsatisfiedReferences) {
            if (u.name.equals(reference)) {
                return u.target;
            }
        }
        return null;
    }

    private List<ServiceReference<?>> matching(ReferenceDTO reference, String target) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(reference.interfaceName, target);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            return List.of();
        }
    }

    private List<ComponentDescriptionDTO> descriptions() {
        List<ComponentDescriptionDTO> all = new ArrayList<>(scr.getComponentDescriptionDTOs());
        all.sort(Comparator.comparing(d -> d.name));
        return all;
    }

    private static int minimum(String cardinality) {
        return cardinality.startsWith("1") ? 1 : 0;
    }
}
