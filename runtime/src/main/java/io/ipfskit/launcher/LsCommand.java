package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit ls CID}: a directory's entries as {@code ipfs ls} prints them: hash, size ("-" for directories), name;
 * of a file, its chunks.
 */
@Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the entries of a directory (of a file: its chunks).")
final class LsCommand extends ClientVerb {

    @Parameters(arity = "1..*", paramLabel = "CID", description = "CIDs or /ipfs/ paths of directories.")
    List<String> paths;

    @Option(names = {"-v", "--headers"}, description = "Prints a header line (Hash Size Name).")
    boolean headers;

    @Option(names = {"-s", "--size"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Prints each entry's size (default; --size=false leaves the column out).")
    boolean size;

    @Override
    public Integer call() {
        ApiClient client = client();
        for (int i = 0; i < paths.size(); i++) {
            JsonNode reply = client.call("ls", paths.get(i));
            List<String[]> rows = new ArrayList<>();
            if (headers) {
                rows.add(row("Hash", "Size", "Name"));
            }
            for (JsonNode object : reply.path("Objects")) {
                for (JsonNode link : object.path("Links")) {
                    boolean directory = link.path("Type").asInt() == 1;
                    rows.add(row(link.path("Hash").asText(), directory ? "-" : link.path("Size").asText(),
                        link.path("Name").asText() + (directory ? "/" : "")));
                }
            }
            if (paths.size() > 1) {
                System.out.println((i > 0 ? "\n" : "") + paths.get(i) + ":");
            }
            Table.print(rows);
        }
        return 0;
    }

    private String[] row(String hash, String entrySize, String name) {
        return size ? new String[] {hash, entrySize, name} : new String[] {hash, name};
    }
}
