package io.ipfskit.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit cat CID}: a file's bytes, streamed to stdout (or to a new file with {@code -o}). */
@Command(name = "cat", mixinStandardHelpOptions = true, description = "Shows the bytes of a file.")
final class CatCommand extends ClientVerb {

    @Parameters(paramLabel = "CID", description = "CID or /ipfs/ path of a file.")
    String path;

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
        Verbs.copy(client.download("cat", options, path), output, ProgressBar.none());
        return 0;
    }
}
