package io.ipfskit.itests.platform;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.discovery.ContentRouter;
import io.ipfskit.api.net.Connection;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.spi.SecureChannel;
import io.ipfskit.api.net.spi.StreamMuxer;
import io.ipfskit.api.net.spi.Transport;
import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.storage.StorageTier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentConstants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/**
 * What stopping one bundle must take away, worked out before the stop: the components going down (the bundle's own
 * and those the shell's {@code bundle/components} says it takes with it), the services they offer, the bundles left
 * with no running component (whose threads must end), and the node's view once they are gone.
 */
final class StopPrediction {

    /** Our components that go down. */
    final Set<String> components;
    /** Our bundles none of whose components run after the stop: no thread they started may outlive it. */
    final Set<String> downBundles;
    /** The services that go, by the interface they were registered under and the value naming each. */
    private final Map<String, Set<String>> going;
    /** The node's view once they are gone. */
    final NodeView expected;

    private StopPrediction(Set<String> components, Set<String> downBundles, Map<String, Set<String>> going,
            NodeView expected) {
        this.components = components;
        this.downBundles = downBundles;
        this.going = going;
        this.expected = expected;
    }

    /** Works out what stopping the bundle takes away from the node seen as {@code before}. */
    static StopPrediction of(BundleContext context, ServiceComponentRuntime scr, Bundle bundle, NodeView before) {
        Set<String> components = new TreeSet<>();
        InProcessRpc.Reply graph = InProcessRpc.call(context, "bundle/components", List.of(bundle.getSymbolicName()), Map.of());
        graph.json().path("Components").forEach(c -> components.add(c.path("Name").asText()));
        graph.json().path("StoppingAlsoStops").forEach(c -> components.add(c.asText()));
        Map<Long, Boolean> allGoing = new HashMap<>();
        scr.getComponentDescriptionDTOs().forEach(d -> scr.getComponentConfigurationDTOs(d).forEach(c -> {
            if (c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED) {
                allGoing.merge(d.bundle.id, components.contains(d.name), Boolean::logicalAnd);
            }
        }));
        Set<String> downBundles = new TreeSet<>();
        downBundles.add(bundle.getSymbolicName());
        allGoing.forEach((id, all) -> {
            if (all) {
                downBundles.add(context.getBundle(id).getSymbolicName());
            }
        });
        Map<String, Set<String>> going = new HashMap<>();
        Map<String, Set<String>> staying = new HashMap<>();
        for (ServiceReference<?> service : all(context)) {
            Bundle owner = service.getBundle();
            boolean goes = owner != null && (owner.getBundleId() == bundle.getBundleId()
                    || components.contains(String.valueOf(service.getProperty(ComponentConstants.COMPONENT_NAME)))
                    || Boolean.TRUE.equals(allGoing.get(owner.getBundleId())));
            for (String type : (String[]) service.getProperty(Constants.OBJECTCLASS)) {
                (goes ? going : staying).computeIfAbsent(type, t -> new TreeSet<>()).add(name(type, service));
            }
        }
        going.forEach((type, names) -> names.removeAll(staying.getOrDefault(type, Set.of())));
        return new StopPrediction(components, downBundles, going, expectedView(before, going));
    }

    /** Whether the stop closes the connection: the host goes, or the transport, security channel or muxer it uses. */
    boolean closes(Connection connection) {
        String transport = connection.remoteAddress().toString().split("/")[3];
        return goes(Host.class.getName()) || going(Transport.class).contains(transport)
                || going(SecureChannel.class).contains(connection.security())
                || going(StreamMuxer.class).contains(connection.muxer());
    }

    /** Whether a service of this interface goes (and none stays). */
    boolean goes(String type) {
        return going.containsKey(type) && !going.get(type).isEmpty();
    }

    /** The names of the going services of the interface that no staying service shares. */
    Set<String> going(Class<?> type) {
        return going.getOrDefault(type.getName(), Set.of());
    }

    private static NodeView expectedView(NodeView before, Map<String, Set<String>> going) {
        Set<String> commandsGoing = going.getOrDefault(RpcCommand.class.getName(), Set.of());
        boolean idStays = !commandsGoing.contains("id");
        boolean hostGoes = going.containsKey(Host.class.getName());
        Set<String> addresses = null;
        if (idStays && before.addresses() != null) {
            Set<String> transports = going.getOrDefault(Transport.class.getName(), Set.of());
            addresses = new TreeSet<>(before.addresses());
            addresses.removeIf(a -> hostGoes || transports.contains(a.split("/")[3]));
        }
        return new NodeView(
                idStays ? without(before.protocols(), going.get(ProtocolHandler.class.getName())) : null,
                addresses,
                commandsGoing.contains("storage/tiers") ? null : without(before.tiers(), going.get(StorageTier.class.getName())),
                commandsGoing.contains("routing/stats") ? null : without(before.routers(), going.get(ContentRouter.class.getName())),
                without(before.commands(), commandsGoing));
    }

    private static Set<String> without(Set<String> before, Set<String> leaving) {
        if (before == null) {
            return null;
        }
        Set<String> out = new TreeSet<>(before);
        if (leaving != null) {
            out.removeAll(leaving);
        }
        return out;
    }

    /** The value naming a service of this interface (its protocol, name...), else its id. */
    private static String name(String type, ServiceReference<?> service) {
        String key = switch (type.substring(type.lastIndexOf('.') + 1)) {
            case "RpcCommand" -> RpcCommand.NAME;
            case "ProtocolHandler" -> ProtocolHandler.PROTOCOL_ID;
            case "StorageTier" -> StorageTier.NAME;
            case "ContentRouter" -> ContentRouter.NAME;
            case "Transport" -> Transport.PROTOCOL;
            case "SecureChannel" -> SecureChannel.PROTOCOL_ID;
            case "StreamMuxer" -> StreamMuxer.PROTOCOL_ID;
            default -> Constants.SERVICE_ID;
        };
        return String.valueOf(service.getProperty(key));
    }

    private static List<ServiceReference<?>> all(BundleContext context) {
        try {
            ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
            return all == null ? List.of() : List.of(all);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A one-line summary for the report: what went besides the bundle's own components. */
    String summary(Bundle bundle) {
        List<String> parts = new ArrayList<>();
        Set<String> others = new HashSet<>(components);
        others.removeIf(c -> c.startsWith(bundle.getSymbolicName() + "."));
        if (!others.isEmpty()) {
            parts.add(others.size() + " components of other bundles");
        }
        for (Class<?> type : List.of(ProtocolHandler.class, StorageTier.class, ContentRouter.class, Transport.class,
                SecureChannel.class, StreamMuxer.class, RpcCommand.class)) {
            if (!going(type).isEmpty()) {
                parts.add(type.getSimpleName() + " " + (going(type).size() > 6 ? going(type).size() + " of them"
                        : String.join(", ", going(type))));
            }
        }
        return parts.isEmpty() ? "nothing else" : String.join("; ", parts);
    }
}
