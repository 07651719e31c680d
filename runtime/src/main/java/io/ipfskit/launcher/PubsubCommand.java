package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit pubsub pub|sub|ls|peers}: kubo's {@code ipfs pubsub} verbs; topics are plain text here and travel
 * multibase-encoded ({@code u<base64url>}) as kubo's CLI sends them.
 */
@Command(name = "pubsub", mixinStandardHelpOptions = true, description = "Publishes and subscribes to pubsub topics.",
        subcommands = {PubsubCommand.Pub.class, PubsubCommand.Sub.class, PubsubCommand.Ls.class,
            PubsubCommand.Peers.class})
final class PubsubCommand {

    @Mixin
    RepoOption repo;

    /** kubo's encoding of a topic in the RPC: base64url multibase of its UTF-8 bytes. */
    static String topic(String plain) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes of multibase base64url text ({@code u…}) as the node writes them. */
    static byte[] bytes(String multibase) {
        if (!multibase.startsWith("u")) {
            throw new LauncherException("unexpected encoding in the node's reply: " + multibase);
        }
        return Base64.getUrlDecoder().decode(multibase.substring(1));
    }

    /** {@code pubsub pub TOPIC [FILE|-]}: publishes the file's bytes (standard input when absent or -). */
    @Command(name = "pub", mixinStandardHelpOptions = true, description = "Publishes data (a file, or standard input) to a topic.")
    static final class Pub extends ClientVerb {
        @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to publish to.")
        String topic;

        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "The data to publish; - or absent for standard input.")
        String file;

        @Override
        public Integer call() {
            MultipartBody body = new MultipartBody();
            if (file == null || file.equals("-")) {
                body.stream("", System.in);
            } else {
                Path path = Path.of(file);
                try {
                    body.file(path.getFileName().toString(), path, Files.size(path));
                } catch (IOException e) {
                    throw new LauncherException("cannot read " + file + ": " + e.getMessage());
                }
            }
            client().upload("pubsub/pub", Map.of("arg", topic(topic)), body, sent -> { }, reply -> { });
            return 0;
        }
    }

    /** {@code pubsub sub TOPIC}: prints each message's data as it arrives (with --json, the node's JSON line). */
    @Command(name = "sub", mixinStandardHelpOptions = true, description = "Subscribes to a topic and prints its messages until interrupted.")
    static final class Sub extends ClientVerb {
        @Parameters(paramLabel = "TOPIC", description = "The topic to subscribe to.")
        String topic;

        @Option(names = "--json", description = "Prints each message as the node's JSON (from, data, seqno, topicIDs).")
        boolean json;

        @Override
        public Integer call() {
            client().stream("pubsub/sub", Map.of(), this::print, topic(topic));
            return 0;
        }

        private void print(JsonNode message) {
            if (json) {
                System.out.println(message.toString());
                return;
            }
            byte[] data = bytes(message.path("data").asText());
            System.out.write(data, 0, data.length);
            System.out.flush();
        }
    }

    /** {@code pubsub ls}: the topics the node is subscribed to, one per line. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the topics the node is subscribed to.")
    static final class Ls extends ClientVerb {
        @Override
        public Integer call() {
            client().call("pubsub/ls").path("Strings").forEach(t ->
                    System.out.println(new String(bytes(t.asText()), StandardCharsets.UTF_8)));
            return 0;
        }
    }

    /** {@code pubsub peers [TOPIC]}: the pubsub peers (of the topic), one per line. */
    @Command(name = "peers", mixinStandardHelpOptions = true, description = "Lists the peers the node exchanges pubsub messages with.")
    static final class Peers extends ClientVerb {
        @Parameters(arity = "0..1", paramLabel = "TOPIC", description = "Only the peers subscribed to this topic.")
        String topic;

        @Override
        public Integer call() {
            List<String> arguments = topic == null ? List.of() : List.of(topic(topic));
            client().call("pubsub/peers", Map.of(), arguments).path("Strings")
                    .forEach(p -> System.out.println(p.asText()));
            return 0;
        }
    }
}
