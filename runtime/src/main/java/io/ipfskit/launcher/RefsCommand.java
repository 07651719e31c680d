package io.ipfskit.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit refs CID...}: the CIDs the blocks link to, one per line as {@code ipfs refs} prints them;
 * {@code refs local}: every stored block.
 */
@Command(name = "refs", mixinStandardHelpOptions = true, description = "Lists the links (references) of blocks.",
        subcommands = RefsCommand.Local.class)
final class RefsCommand extends ClientVerb {

    /** {@code refs local}: every block the node stores, as kubo's CIDv1 raw keys. */
    @Command(name = "local", mixinStandardHelpOptions = true, description = "Lists every block the node stores.")
    static final class Local extends ClientVerb {
        @Override
        public Integer call() {
            client().stream("refs/local", Map.of(), line -> System.out.println(line.path("Ref").asText()));
            return 0;
        }
    }

    /** Optional to picocli, so that {@code refs local} parses; required by {@link #call()}. */
    @Parameters(arity = "0..*", paramLabel = "CID", description = "CIDs or /ipfs/ paths.")
    List<String> paths;

    @Option(names = {"-r", "--recursive"}, description = "Follows links down the whole DAG.")
    boolean recursive;

    @Option(names = {"-u", "--unique"}, description = "Lists each CID once.")
    boolean unique;

    @Option(names = {"-e", "--edges"}, description = "Prints edges: <src> -> <dst>.")
    boolean edges;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Line format with <src>, <dst>, <linkname> (default <dst>).")
    String format;

    @Option(names = "--max-depth", paramLabel = "N", description = "Depth to stop at (-1: none; default 1, -1 with -r).")
    Integer maxDepth;

    @Override
    public Integer call() {
        if (paths == null || paths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'CID'");
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("recursive", Boolean.toString(recursive));
        options.put("unique", Boolean.toString(unique));
        options.put("edges", Boolean.toString(edges));
        if (format != null) {
            options.put("format", format);
        }
        if (maxDepth != null) {
            options.put("max-depth", maxDepth.toString());
        }
        client().stream("refs", options, line -> {
            if (!line.path("Err").asText().isEmpty()) {
                throw new LauncherException(line.path("Err").asText());
            }
            System.out.println(line.path("Ref").asText());
        }, paths.toArray(String[]::new));
        return 0;
    }
}
