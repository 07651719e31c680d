package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.SessionBlocks;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * RPC {@code refs}, as kubo's: one {@code {"Ref","Err"}} per link of the named blocks (dag-pb with its link names, other
 * codecs through their {@link LinkWalker}), with {@code recursive}, {@code unique}, {@code max-depth}, {@code edges}
 * and {@code format} ({@code <src>}, {@code <dst>}, {@code <linkname>}); a block that cannot be read is an
 * {@code Err} line and the walk goes on.
 */
@Component(property = RpcCommand.NAME + "=refs")
public final class RefsCommand implements RpcCommand {

    /** The links of this many blocks are kept while a walk runs, so a DAG that repeats a subtree is read once. */
    private static final int CACHED_BLOCKS = 4096;

    private record Link(Cid cid, String name) {
    }

    private final ContentBlocks blocks;
    private final List<LinkWalker> walkers = new CopyOnWriteArrayList<>();

    /** The command over the node's blocks. */
    @Activate
    public RefsCommand(@Reference ContentBlocks blocks) {
        this.blocks = blocks;
    }

    /** A codec's link walker. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addWalker(LinkWalker walker) {
        walkers.add(walker);
    }

    void removeWalker(LinkWalker walker) {
        walkers.remove(walker);
    }

    @Override
    public void execute(RpcRequest request, RpcResponse response) throws RpcException, IOException {
        if (request.arguments().isEmpty()) {
            throw RpcException.client("argument \"ipfs-path\" is required");
        }
        boolean recursive = request.flag("recursive", false);
        long maxDepth = request.number("max-depth", recursive ? -1 : 1, -1, Integer.MAX_VALUE);
        String format = request.flag("edges", false) ? "<src> -> <dst>" : request.option("format").orElse("<dst>");
        if (request.flag("edges", false) && request.option("format").isPresent()) {
            throw RpcException.client("using format argument with edges is not allowed");
        }
        try (SessionBlocks session = blocks.open(request)) {
            Exporter exporter = new Exporter(session);
            List<Cid> roots = new ArrayList<>();
            for (String path : request.arguments()) {
                roots.add(Args.resolve(exporter, path));
            }
            Walk walk = new Walk(exporter, response.jsonStream(), format, maxDepth, request.flag("unique", false));
            for (Cid root : roots) {
                walk.visit(root, 0);
            }
        }
    }

    /** One request's walk: prints each link, descends to {@code maxDepth} (-1: no limit). */
    private final class Walk {
        private final Exporter exporter;
        private final RpcResponse.JsonStream out;
        private final String format;
        private final long maxDepth;
        private final boolean unique;
        private final Set<Cid> seen = new HashSet<>();
        private final Map<Cid, List<Link>> cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Cid, List<Link>> eldest) {
                return size() > CACHED_BLOCKS;
            }
        };

        Walk(Exporter exporter, RpcResponse.JsonStream out, String format, long maxDepth, boolean unique) {
            this.exporter = exporter;
            this.out = out;
            this.format = format;
            this.maxDepth = maxDepth;
            this.unique = unique;
        }

        void visit(Cid cid, int depth) throws IOException {
            if (maxDepth >= 0 && depth >= maxDepth) {
                return;
            }
            List<Link> links;
            try {
                links = links(cid);
            } catch (IOException | NoSuchElementException | IllegalArgumentException e) {
                out.send(Map.of("Ref", "", "Err", e.getMessage() == null ? e.toString() : e.getMessage()));
                return;
            }
            for (Link link : links) {
                if (unique && !seen.add(link.cid())) {
                    continue;
                }
                out.send(Map.of("Ref", format.replace("<src>", cid.toString()).replace("<dst>", link.cid().toString())
                        .replace("<linkname>", link.name()), "Err", ""));
                visit(link.cid(), depth + 1);
            }
        }

        private List<Link> links(Cid cid) throws IOException {
            List<Link> cached = cache.get(cid);
            if (cached != null) {
                return cached;
            }
            List<Link> links = new ArrayList<>();
            if (cid.codec() == Multicodec.DAG_PB) {
                for (PbLink link : DagPb.decode(exporter.block(cid)).links()) {
                    links.add(new Link(link.hash(), link.name() == null ? "" : link.name()));
                }
            } else if (cid.codec() != Multicodec.RAW) {
                LinkWalker walker = walkers.stream().filter(w -> w.codec() == cid.codec()).findFirst()
                        .orElseThrow(() -> new IOException("no codec 0x" + Long.toHexString(cid.codec()) + " is installed"));
                walker.links(exporter.block(cid), link -> links.add(new Link(link, "")));
            }
            cache.put(cid, List.copyOf(links));
            return links;
        }
    }
}
