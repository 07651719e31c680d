package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit pin add|rm|ls}: the node's pins, printed as {@code ipfs pin} prints them. */
@Command(name = "pin", mixinStandardHelpOptions = true, description = "Pins content so that gc keeps it.",
        subcommands = {PinCommand.Add.class, PinCommand.Rm.class, PinCommand.Ls.class})
final class PinCommand {

    @Mixin
    RepoOption repo;

    /** {@code pin add CID...}. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Pins each root (and, by default, its DAG).")
    static final class Add extends ClientVerb {
        @Parameters(arity = "1..*", paramLabel = "CID", description = "Roots to pin.")
        List<String> cids;

        @Option(names = {"-r", "--recursive"}, negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Pins the whole DAG (default; --no-recursive pins only the block).")
        boolean recursive;

        @Override
        public Integer call() {
            JsonNode reply = client().call("pin/add",
                    Map.of("recursive", Boolean.toString(recursive)), cids);
            for (JsonNode pin : reply.path("Pins")) {
                System.out.println("pinned " + pin.asText() + (recursive ? " recursively" : " directly"));
            }
            return 0;
        }
    }

    /** {@code pin rm CID...}. */
    @Command(name = "rm", mixinStandardHelpOptions = true, description = "Removes pins.")
    static final class Rm extends ClientVerb {
        @Parameters(arity = "1..*", paramLabel = "CID", description = "Pinned roots.")
        List<String> cids;

        @Override
        public Integer call() {
            JsonNode reply = client().call("pin/rm", Map.of(), cids);
            for (JsonNode pin : reply.path("Pins")) {
                System.out.println("unpinned " + pin.asText());
            }
            return 0;
        }
    }

    /** {@code pin ls [-s] [CID...]}: {@code <cid> <type>} per pin. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists pinned blocks: direct, recursive and indirect.")
    static final class Ls extends ClientVerb {
        @Parameters(arity = "0..*", paramLabel = "CID", description = "Only these blocks (each must be pinned).")
        List<String> cids;

        @Option(names = {"-t", "--type"}, defaultValue = "all", description = "all, direct, indirect or recursive.")
        String type;

        @Option(names = {"-q", "--quiet"}, description = "Prints only the CIDs.")
        boolean quiet;

        @Option(names = {"-s", "--stream"}, description = "Prints each pin as the node finds it (kubo's {Cid,Type} lines).")
        boolean stream;

        @Override
        public Integer call() {
            List<String> roots = cids == null ? List.of() : cids;
            if (stream) {
                client().stream("pin/ls", Map.of("type", type, "stream", "true"),
                        pin -> print(pin.path("Cid").asText(), pin), roots.toArray(String[]::new));
                return 0;
            }
            JsonNode keys = client().call("pin/ls", Map.of("type", type), roots).path("Keys");
            for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> pin = it.next();
                print(pin.getKey(), pin.getValue());
            }
            return 0;
        }

        private void print(String cid, JsonNode pin) {
            System.out.println(quiet ? cid : cid + " " + pin.path("Type").asText());
        }
    }
}
