package io.ipfskit.itests.daemon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CIDv0 kubo gives a file, as Debian's {@code ipfs_cid} computes it; empty where that tool is not installed. */
final class KuboCid {

    private static final Pattern CID_V0 = Pattern.compile("\"CIDv0\"\\s*:\\s*\"(Qm[1-9A-HJ-NP-Za-km-z]{44})\"");

    private KuboCid() {
    }

    static Optional<String> of(Path file) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("ipfs_cid", file.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            return Optional.empty();
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("ipfs_cid failed: " + output);
        }
        Matcher matcher = CID_V0.matcher(output);
        if (!matcher.find()) {
            throw new AssertionError("no CIDv0 in ipfs_cid's output: " + output);
        }
        return Optional.of(matcher.group(1));
    }
}
