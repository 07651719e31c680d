package io.ipfskit.launcher;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipfs-kit cat CID...}: files' bytes, one after the other as kubo's, streamed to stdout (or to a new file with
 * {@code -o}); each file is asked for only when the one before has been copied.
 */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Shows the bytes of a file.")
final class CatCommand extends ClientVerb {

    @Parameters(arity = "1..*", paramLabel = "CID", description = "CIDs or /ipfs/ paths of files.")
    List<String> paths;

    @Option(names = "--offset", paramLabel = "N", description = "Byte to start at.")
    Long offset;

    @Option(names = {"-l", "--length"}, paramLabel = "N", description = "Most bytes to show.")
    Long length;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Writes to this new file instead of stdout.")
    Path output;

    @Override
    public Integer call() {
        if (offset != null && offset < 0 || length != null && length < 0) {
            throw new LauncherException("--offset and --length must not be negative");
        }
        Map<String, String> options = new LinkedHashMap<>();
        if (offset != null) {
            options.put("offset", offset.toString());
        }
        if (length != null) {
            options.put("length", length.toString());
        }
        ApiClient client = client();
        Iterator<String> each = paths.iterator();
        Enumeration<InputStream> bodies = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return each.hasNext();
            }

            @Override
            public InputStream nextElement() {
                return client.download("cat", options, each.next());
            }
        };
        Verbs.copy(new SequenceInputStream(bodies), output, ProgressBar.none());
        return 0;
    }
}
