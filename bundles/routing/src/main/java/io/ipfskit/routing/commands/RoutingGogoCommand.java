package io.ipfskit.routing.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.net.Host;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.routing.blocks.NetworkBlockService;
import io.ipfskit.routing.manager.ContentRoutingManager;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Gogo {@code ipfs:routing findprovs CID | provide CID | stats}: the routing commands as text. */
@Component(service = RoutingGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=routing"})
public final class RoutingGogoCommand {

    private static final String USAGE = "usage: routing findprovs CID | provide CID | stats";

    private final ContentRoutingManager routing;
    private final Blockstore store;
    private final Host host;

    /** The block service, when there is one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile NetworkBlockService blocks;

    /** Works on the routing manager, the blockstore and the host. */
    @Activate
    public RoutingGogoCommand(@Reference ContentRoutingManager routing, @Reference Blockstore store,
            @Reference Host host) {
        this.routing = routing;
        this.store = store;
        this.host = host;
    }

    /** {@code routing stats}: the counters, one per line, nested ones indented. */
    public String routing(String what) throws RpcException {
        if (!"stats".equals(what)) {
            throw RpcException.client(USAGE);
        }
        StringJoiner out = new StringJoiner("\n");
        lines(out, "", RoutingRpcCommands.report(routing, blocks));
        return out.toString();
    }

    /** {@code routing findprovs CID}: one provider per line, as kubo's CLI; {@code routing provide CID} announces. */
    public String routing(String what, String cid) throws RpcException, IOException {
        switch (what) {
            case "findprovs" -> {
                StringJoiner out = new StringJoiner("\n");
                Routing.findProviders(routing, Routing.cid(cid), Routing.DEFAULT_PROVIDERS,
                        provider -> out.add(provider.peerId().toBase58()));
                return out.toString();
            }
            case "provide" -> {
                Routing.provide(routing, store, host, List.of(Routing.cid(cid)));
                return "provided " + cid;
            }
            default -> throw RpcException.client(USAGE);
        }
    }

    private static void lines(StringJoiner out, String indent, Map<?, ?> values) {
        values.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                out.add(indent + key + ":");
                lines(out, indent + "  ", nested);
            } else if (value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?>) {
                out.add(indent + key + ":");
                list.forEach(item -> {
                    out.add(indent + "  -");
                    lines(out, indent + "    ", (Map<?, ?>) item);
                });
            } else {
                out.add(indent + key + ": " + value);
            }
        });
    }
}
