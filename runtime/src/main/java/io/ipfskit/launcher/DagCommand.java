package io.ipfskit.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit dag put|get|export|import}: IPLD nodes and DAGs as CAR files, as {@code ipfs dag} moves them. */
@Command(name = "dag", mixinStandardHelpOptions = true, description = "Stores and reads IPLD nodes; exports and imports CARs.",
        subcommands = {DagCommand.Put.class, DagCommand.Get.class, DagCommand.Export.class, DagCommand.Import.class})
final class DagCommand {

    @Mixin
    RepoOption repo;

    /** {@code dag put [FILE]}: stores the node read from the file (or stdin) and prints its CID. */
    @Command(name = "put", mixinStandardHelpOptions = true, description = "Stores an IPLD node and prints its CID.")
    static final class Put extends ClientVerb {
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "The encoded node (default: standard input).")
        Path file;

        @Option(names = "--input-codec", defaultValue = "dag-json", description = "The codec of the input (default dag-json).")
        String inputCodec;

        @Option(names = "--store-codec", defaultValue = "dag-cbor", description = "The codec it is stored in (default dag-cbor).")
        String storeCodec;

        @Override
        public Integer call() {
            MultipartBody body = new MultipartBody();
            if (file == null || file.toString().equals("-")) {
                body.stream("", System.in);
            } else if (Files.isRegularFile(file)) {
                body.file(file.getFileName().toString(), file, file.toFile().length());
            } else {
                throw new LauncherException("cannot read " + file + ": no such file");
            }
            client().upload("dag/put", Map.of("input-codec", inputCodec, "store-codec", storeCodec), body, sent -> { },
                    reply -> System.out.println(reply.path("Cid").path("/").asText()));
            return 0;
        }
    }

    /** {@code dag get CID[/path]}: the node in the output codec, to stdout. */
    @Command(name = "get", mixinStandardHelpOptions = true, description = "Prints an IPLD node (a path walks into it).")
    static final class Get extends ClientVerb {
        @Parameters(paramLabel = "REF", description = "CID[/path].")
        String ref;

        @Option(names = "--output-codec", defaultValue = "dag-json", description = "dag-json (default) or dag-cbor.")
        String outputCodec;

        @Override
        public Integer call() {
            Verbs.copy(client().download("dag/get", Map.of("output-codec", outputCodec), ref), null, ProgressBar.none());
            return 0;
        }
    }

    /** {@code dag export CID}: the CAR v1 bytes to stdout (or a new file with {@code -o}). */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Writes the DAG under a root as a CAR.")
    static final class Export extends ClientVerb {
        @Parameters(paramLabel = "CID", description = "The root.")
        String cid;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Writes to this new file instead of stdout.")
        Path output;

        @Override
        public Integer call() {
            Verbs.copy(client().download("dag/export", Map.of(), cid), output,
                    output != null ? ProgressBar.of(-1) : ProgressBar.none());
            return 0;
        }
    }

    /** {@code dag import FILE...}: stores each CAR's blocks and pins its roots. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = "Stores the blocks of CAR files.")
    static final class Import extends ClientVerb {
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "CAR files (v1 or v2).")
        List<Path> files;

        @Option(names = "--pin-roots", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Pins the roots (default; --no-pin-roots does not).")
        boolean pinRoots;

        @Override
        public Integer call() {
            MultipartBody body = new MultipartBody();
            for (Path file : files) {
                if (!Files.isRegularFile(file)) {
                    throw new LauncherException("cannot import " + file + ": no such file");
                }
                try {
                    body.file(file.getFileName().toString(), file, Files.size(file));
                } catch (java.io.IOException e) {
                    throw new LauncherException("cannot import " + file + ": " + e.getMessage());
                }
            }
            boolean[] failed = {false};
            client().upload("dag/import", Map.of("pin-roots", Boolean.toString(pinRoots)), body, sent -> { }, reply -> {
                String root = reply.path("Root").path("Cid").path("/").asText();
                String error = reply.path("Root").path("PinErrorMsg").asText();
                if (!root.isEmpty() && pinRoots) {
                    System.out.println("Pinned root\t" + root + "\t" + (error.isEmpty() ? "success" : "FAILED: " + error));
                    failed[0] |= !error.isEmpty();
                }
            });
            if (failed[0]) {
                throw new LauncherException("some roots could not be pinned");
            }
            return 0;
        }
    }
}
