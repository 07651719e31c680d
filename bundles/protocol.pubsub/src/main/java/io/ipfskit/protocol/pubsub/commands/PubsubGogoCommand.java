package io.ipfskit.protocol.pubsub.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.pubsub.PubSub;
import io.ipfskit.multiformats.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo {@code ipfs:pubsub ls | peers [TOPIC] | pub TOPIC TEXT}: plain topic names (the shell does not stream, so
 * subscribing is the RPC's and the CLI's).
 */
@Component(service = PubsubGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=pubsub"})
public final class PubsubGogoCommand {

    private static final String USAGE = "usage: pubsub ls | peers [TOPIC] | pub TOPIC TEXT";

    private final PubSub pubsub;

    /** Works on the node's router. */
    @Activate
    public PubsubGogoCommand(@Reference PubSub pubsub) {
        this.pubsub = pubsub;
    }

    /** {@code pubsub ls} or {@code pubsub peers}. */
    public String pubsub(String what) throws RpcException {
        return switch (what) {
            case "ls" -> lines(pubsub.topics().stream().sorted().toList());
            case "peers" -> lines(pubsub.peers(null).stream().map(PeerId::toBase58).sorted().toList());
            default -> throw RpcException.client(USAGE);
        };
    }

    /** {@code pubsub peers TOPIC}. */
    public String pubsub(String what, String topic) throws RpcException {
        if (!"peers".equals(what)) {
            throw RpcException.client(USAGE);
        }
        return lines(pubsub.peers(topic).stream().map(PeerId::toBase58).sorted().toList());
    }

    /** {@code pubsub pub TOPIC TEXT}: publishes the text (UTF-8). */
    public String pubsub(String what, String topic, String text) throws RpcException, InterruptedException {
        if (!"pub".equals(what)) {
            throw RpcException.client(USAGE);
        }
        try {
            pubsub.publish(topic, text.getBytes(StandardCharsets.UTF_8)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new RpcException(RpcException.Kind.NORMAL, String.valueOf(cause.getMessage()));
        }
        return "published";
    }

    private static String lines(java.util.List<String> items) {
        StringJoiner out = new StringJoiner("\n");
        items.forEach(out::add);
        return out.toString();
    }
}
