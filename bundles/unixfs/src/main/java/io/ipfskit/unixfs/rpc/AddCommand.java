package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.VerifiedBlock;
import io.ipfskit.http.support.Multipart;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.BlockSink;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.Importer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * RPC {@code add}: imports the files and directories of a multipart body with kubo's options
 * ({@code cid-version}, {@code raw-leaves}, {@code chunker}, {@code trickle}, {@code wrap-with-directory},
 * {@code pin}, {@code only-hash}, {@code progress}) and streams one {@code {"Name","Hash","Size"}} object per file and
 * directory, preceded with {@code progress} by {@code {"Name","Bytes"}} events as each file is read.
 */
@Component(property = RpcCommand.NAME + "=add")
public final class AddCommand implements RpcCommand {

    /** Longest symlink target accepted (Linux PATH_MAX). */
    static final int MAX_SYMLINK_TARGET = 4096;

    private final Blockstore blockstore;
    private final Pinning pinning;

    /** The content routing manager, while one runs: the roots stored are announced through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ContentRouting routing;

    /** The command over the node's blockstore and pins. */
    @Activate
    public AddCommand(@Reference Blockstore blockstore, @Reference Pinning pinning) {
        this.blockstore = blockstore;
        this.pinning = pinning;
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        ImportOptions options;
        try {
            options = ImportOptions.of((int) request.number("cid-version", 0, 0, 1),
                    request.option("raw-leaves").isPresent() ? request.flag("raw-leaves", false) : null,
                    request.option("chunker").orElse(null), request.flag("trickle", false));
        } catch (IllegalArgumentException e) {
            throw RpcException.client(e.getMessage());
        }
        boolean onlyHash = request.flag("only-hash", false);
        boolean wrap = request.flag("wrap-with-directory", false);
        boolean pin = request.flag("pin", true) && !onlyHash;
        boolean progress = request.flag("progress", false);
        RpcResponse.JsonStream out = response.jsonStream();
        // Progress events wait for the first stored block, so a node that cannot store answers with an error reply
        // rather than a broken-off stream; the last event held back goes out as soon as that block is stored.
        HeldProgress progressOut = new HeldProgress(out, onlyHash);
        Multipart body = new Multipart(request.body(), request.contentType());
        Map<String, Map<String, Imported>> directories = new LinkedHashMap<>();
        Map<String, Imported> top = new TreeMap<>(Importer.NAME_ORDER);
        // Held from the first block to the pin, so a concurrent repo gc cannot take blocks of this add; the puts still
        // in flight finish (closing the sink) before the hold is let go.
        try (GcLock hold = pinning.gcLock();
                ConcurrentPuts stored = onlyHash ? null : new ConcurrentPuts(new Storing(blockstore, progressOut))) {
            BlockSink sink = onlyHash ? (cid, block) -> { } : stored;
            // An entry's reply line goes out only once all its blocks are stored (drained).
            Reporter reply = (name, imported) -> {
                if (stored != null) {
                    stored.drain();
                }
                report(out, name, imported);
            };
            Importer importer = new Importer(options, sink);
            for (Multipart.Part part = body.next(); part != null; part = body.next()) {
                String path = normalize(part.filename().isEmpty() ? part.name() : part.filename());
                if (part.directory()) {
                    directories.putIfAbsent(path, new TreeMap<>(Importer.NAME_ORDER));
                    continue;
                }
                Imported file = part.symlink() ? importer.symlink(target(part))
                        : importer.file(progress ? new Progress(part.body(), path, progressOut) : part.body());
                reply.send(path, file);
                entries(directories, top, parent(path)).put(name(path), file);
            }
            List<String> deepestFirst = new ArrayList<>(directories.keySet());
            deepestFirst.sort(Comparator.comparingLong((String p) -> p.chars().filter(c -> c == '/').count()).reversed());
            for (String path : deepestFirst) {
                Imported directory = importer.directory(directories.get(path));
                reply.send(path, directory);
                entries(directories, top, parent(path)).put(name(path), directory);
            }
            List<Imported> roots = new ArrayList<>(top.values());
            if (wrap) {
                Imported wrapper = importer.directory(top);
                reply.send("", wrapper);
                roots = List.of(wrapper);
            }
            if (pin) {
                // Every block under the roots was put by this add and acknowledged (drained) under its GC hold.
                for (Imported root : roots) {
                    pinning.pinStored(root.cid(), PinType.RECURSIVE);
                }
            }
            if (!onlyHash) {
                Announce.roots(routing, roots.stream().map(Imported::cid).toList());
            }
        } catch (IllegalArgumentException e) {
            throw RpcException.client(e.getMessage());
        }
    }

    /** Puts into the blockstore, the importer's blocks as hashed by it (not hashed again), releasing held progress. */
    private record Storing(Blockstore blockstore, HeldProgress progress) implements BlockSink {

        @Override
        public void put(Cid cid, byte[] block) throws IOException {
            blockstore.put(cid, block);
            progress.release();
        }

        @Override
        public void put(VerifiedBlock block) throws IOException {
            blockstore.put(block);
            progress.release();
        }
    }

    /** Sends an entry's reply line. */
    @FunctionalInterface
    private interface Reporter {
        void send(String name, Imported imported) throws IOException;
    }

    private static String target(Multipart.Part part) throws IOException, RpcException {
        byte[] target = part.body().readNBytes(MAX_SYMLINK_TARGET + 1);
        if (target.length > MAX_SYMLINK_TARGET) {
            throw RpcException.client("symlink target longer than " + MAX_SYMLINK_TARGET + " bytes");
        }
        return new String(target, StandardCharsets.UTF_8);
    }

    private static void report(RpcResponse.JsonStream out, String name, Imported imported) throws IOException {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("Name", name);
        entry.put("Hash", imported.cid().toString());
        entry.put("Size", Long.toString(imported.tsize()));
        out.send(entry);
    }

    private static Map<String, Imported> entries(Map<String, Map<String, Imported>> directories,
            Map<String, Imported> top, String parent) {
        return parent.isEmpty() ? top : directories.computeIfAbsent(parent, p -> new TreeMap<>(Importer.NAME_ORDER));
    }

    private static String normalize(String path) throws RpcException {
        String trimmed = path.replaceAll("^/+|/+$", "");
        if (trimmed.isEmpty()) {
            throw RpcException.client("a multipart part has no file name");
        }
        for (String segment : trimmed.split("/")) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw RpcException.client("invalid path in upload: \"" + path + "\"");
            }
        }
        return trimmed;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
