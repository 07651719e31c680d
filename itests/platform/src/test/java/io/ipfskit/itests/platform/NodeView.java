package io.ipfskit.itests.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.api.admin.RpcCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What the node offers, as its own commands report it: protocols and listen addresses ({@code id}), storage tiers
 * ({@code storage/tiers}), content routers ({@code routing/stats}) and the RPC commands registered. A part is null when
 * the command reporting it is not registered.
 */
record NodeView(Set<String> protocols, Set<String> addresses, Set<String> tiers, Set<String> routers,
        Set<String> commands) {

    /** What the node reports now. */
    static NodeView of(BundleContext context) {
        InProcessRpc.Reply id = InProcessRpc.call(context, "id", List.of(), Map.of());
        InProcessRpc.Reply tiers = InProcessRpc.call(context, "storage/tiers", List.of(), Map.of());
        InProcessRpc.Reply routing = InProcessRpc.call(context, "routing/stats", List.of(), Map.of());
        return new NodeView(
                id.ok() ? texts(id.json().path("Protocols"), "") : null,
                id.ok() ? texts(id.json().path("Addresses"), "/p2p/") : null,
                tiers.ok() ? texts(tiers.json().path("Tiers").findValues("tier")) : null,
                routing.ok() ? texts(routing.json().path("Routing").path("routers"), " (") : null,
                commands(context));
    }

    /** The names of the RPC commands registered now. */
    static Set<String> commands(BundleContext context) {
        Set<String> names = new TreeSet<>();
        try {
            ServiceReference<?>[] all = context.getAllServiceReferences(RpcCommand.class.getName(), null);
            for (ServiceReference<?> reference : all == null ? new ServiceReference<?>[0] : all) {
                names.add(String.valueOf(reference.getProperty(RpcCommand.NAME)));
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** Each part that differs from the expected one, described (both sides); empty when the views agree. */
    List<String> differencesFrom(NodeView expected) {
        List<String> out = new ArrayList<>();
        compare(out, "protocols", expected.protocols, protocols);
        compare(out, "addresses", expected.addresses, addresses);
        compare(out, "tiers", expected.tiers, tiers);
        compare(out, "routers", expected.routers, routers);
        compare(out, "commands", expected.commands, commands);
        return out;
    }

    private static void compare(List<String> out, String part, Set<String> expected, Set<String> actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(part + ": expected " + (expected == null ? "no command reporting them" : expected) + " but "
                    + (actual == null ? "no command reports them" : actual));
        }
    }

    /** The texts of a JSON array's values, each cut at the marker (when present and not empty). */
    private static Set<String> texts(JsonNode array, String cutAt) {
        Set<String> out = new TreeSet<>();
        array.forEach(v -> {
            String text = v.asText();
            int cut = cutAt.isEmpty() ? -1 : text.indexOf(cutAt);
            out.add(cut < 0 ? text : text.substring(0, cut));
        });
        return out;
    }

    private static Set<String> texts(List<JsonNode> values) {
        Set<String> out = new TreeSet<>();
        values.forEach(v -> out.add(v.asText()));
        return out;
    }
}
