package io.ipfskit.gateway;

import io.ipfskit.api.storage.LinkWalker;
import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.unixfs.DirEntry;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Answers one parsed request over one request's blocks: resolves the path (UnixFS, HAMT directories too), then shapes
 * the reply the ipfs/specs path and trustless gateways define — a raw block, a CAR stream, a file (whole or a
 * {@code Range}), a directory (its {@code index.html}, else an HTML index; a redirect to add the trailing slash), or
 * another codec's block as its media type — with {@code Etag}, {@code If-None-Match} (304), immutable caching and the
 * {@code X-Ipfs-*} headers. Every error before the body is a status: 400, 404, 406, 412 (only-if-cached), 416, 501, or
 * 504 when a block did not arrive within the retrieval timeout.
 */
final class Gateway {

    static final String IMMUTABLE = "public, max-age=29030400, immutable";
    /** Seconds a client is told to wait after a 504. */
    static final String RETRY_AFTER = "30";

    private final LongFunction<LinkWalker> walkers;

    /** A gateway walking codecs besides dag-pb and raw with these walkers (null when none is registered). */
    Gateway(LongFunction<LinkWalker> walkers) {
        this.walkers = walkers;
    }

    /** The reply to the request; never throws for content that is missing, invalid or late. */
    Reply serve(GatewayRequest request, Retrieval blocks) {
        Exporter exporter = new Exporter(blocks);
        try {
            Resolved resolved = resolve(request, blocks, exporter);
            return switch (request.format()) {
                case RAW -> raw(request, resolved, exporter);
                case CAR -> car(request, resolved, blocks, exporter);
                case DESERIALIZED -> deserialized(request, resolved, exporter);
            };
        } catch (GatewayException e) {
            return Reply.error(e.status(), e.getMessage(), Map.of());
        } catch (NoSuchElementException e) {
            return request.onlyIfCached() ? Reply.error(412, "not in this gateway's cache: " + e.getMessage(), Map.of())
                    : Reply.error(404, e.getMessage(), Map.of());
        } catch (InterruptedIOException e) {
            return Reply.error(504, "retrieval timed out: " + e.getMessage(), Map.of("Retry-After", RETRY_AFTER));
        } catch (IllegalArgumentException e) {
            return Reply.error(500, "cannot read the content: " + e.getMessage(), Map.of());
        } catch (IOException e) {
            return Reply.error(500, String.valueOf(e.getMessage()), Map.of());
        }
    }

    /** The terminal CID of the path, the CID of each segment, and the blocks read to get there. */
    private record Resolved(Cid terminal, List<Cid> roots, List<Cid> pathBlocks) {
    }

    private static Resolved resolve(GatewayRequest request, Retrieval blocks, Exporter exporter)
            throws GatewayException, IOException {
        Cid current = request.root();
        List<Cid> roots = new ArrayList<>(List.of(current));
        blocks.record();
        for (String name : request.segments()) {
            if (current.codec() != Multicodec.DAG_PB && current.codec() != Multicodec.RAW) {
                throw new GatewayException(501, "paths into " + Multicodec.name(current.codec()) + " are not served");
            }
            try {
                current = exporter.resolve(current, name);
            } catch (IllegalArgumentException e) {
                throw GatewayException.notFound("no link named \"" + name + "\" under " + current + ": " + e.getMessage());
            }
            roots.add(current);
        }
        return new Resolved(current, List.copyOf(roots), blocks.recorded());
    }

    private Reply raw(GatewayRequest request, Resolved resolved, Exporter exporter) throws IOException {
        Cid cid = resolved.terminal();
        String etag = quote(cid + ".raw");
        Map<String, String> headers = common(request, resolved, etag);
        if (matches(request.ifNoneMatch(), etag)) {
            return notModified(headers);
        }
        byte[] block = exporter.block(cid);
        headers.put("Content-Type", ResponseFormat.RAW.mediaType());
        headers.put("Content-Disposition", "attachment; filename=\"" + cid + ".bin\"");
        contentLocation(request, headers);
        return Reply.bytes(200, headers, block);
    }

    private Reply car(GatewayRequest request, Resolved resolved, Retrieval blocks, Exporter exporter)
            throws GatewayException, IOException {
        Cid terminal = resolved.terminal();
        DagScope scope = request.scope();
        ByteSpan span = null;
        exporter.block(terminal);
        if (request.entityBytes() != null && isFile(terminal, exporter)) {
            span = request.entityBytes().resolve(exporter.size(terminal));
            scope = span == null ? DagScope.BLOCK : DagScope.ENTITY;
        }
        boolean dups = request.negotiation().dups();
        String etag = quote(request.root() + ".car." + digest(String.join("/", request.segments()) + "|" + scope.id()
                + "|" + request.entityBytes() + "|dfs|" + dups));
        Map<String, String> headers = common(request, resolved, etag);
        if (matches(request.ifNoneMatch(), etag)) {
            return notModified(headers);
        }
        headers.put("Content-Type", ResponseFormat.CAR.mediaType() + "; version=1; order=dfs; dups=" + (dups ? "y" : "n"));
        headers.put("Content-Disposition", "attachment; filename=\"" + terminal + ".car\"");
        headers.put("Accept-Ranges", "none");
        contentLocation(request, headers);
        DagScope finalScope = scope;
        ByteSpan finalSpan = span;
        return new Reply(200, headers, -1, out -> new CarStream(blocks, walkers, dups, out)
                .write(request.root(), resolved.pathBlocks(), terminal, finalScope, finalSpan));
    }

    private Reply deserialized(GatewayRequest request, Resolved resolved, Exporter exporter)
            throws GatewayException, IOException {
        Cid cid = resolved.terminal();
        if (cid.codec() == Multicodec.RAW) {
            return file(request, resolved, cid, request.lastName(), exporter);
        }
        if (cid.codec() != Multicodec.DAG_PB) {
            return block(request, resolved, exporter);
        }
        UnixfsData.Type type;
        try {
            type = Exporter.unixfs(cid, DagPb.decode(exporter.block(cid))).type();
        } catch (IllegalArgumentException e) {
            throw new GatewayException(501, "not UnixFS: " + cid + " (" + e.getMessage() + "); ask for ?format=raw or ?format=car");
        }
        return switch (type) {
            case FILE, RAW -> file(request, resolved, cid, request.lastName(), exporter);
            case DIRECTORY, HAMT_SHARD -> directory(request, resolved, exporter);
            default -> throw new GatewayException(501, "UnixFS " + type.name().toLowerCase() + " nodes are not served: " + cid);
        };
    }

    private Reply directory(GatewayRequest request, Resolved resolved, Exporter exporter) throws IOException {
        Cid cid = resolved.terminal();
        if (!request.trailingSlash()) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Location", request.rawPath() + "/" + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
            return Reply.error(301, "a directory: " + request.rawPath() + "/", headers);
        }
        Cid index;
        try {
            index = exporter.resolve(cid, "index.html");
        } catch (NoSuchElementException absent) {
            index = null;
        }
        if (index != null) {
            List<Cid> roots = new ArrayList<>(resolved.roots());
            roots.add(index);
            return file(request, new Resolved(index, roots, resolved.pathBlocks()), index, "index.html", exporter);
        }
        String etag = quote("DirIndex-" + DirectoryIndex.VERSION + "_CID-" + cid);
        Map<String, String> headers = common(request, resolved, etag);
        if (matches(request.ifNoneMatch(), etag)) {
            return notModified(headers);
        }
        List<DirEntry> entries = exporter.ls(cid);
        headers.put("Content-Type", "text/html; charset=utf-8");
        byte[] page = DirectoryIndex.html(request.rawPath(), cid.toString(), entries, !request.segments().isEmpty())
                .getBytes(StandardCharsets.UTF_8);
        return Reply.bytes(200, headers, page);
    }

    private Reply file(GatewayRequest request, Resolved resolved, Cid cid, String name, Exporter exporter)
            throws IOException {
        long size = exporter.size(cid);
        String etag = quote(cid.toString());
        Map<String, String> headers = common(request, resolved, etag);
        if (matches(request.ifNoneMatch(), etag)) {
            return notModified(headers);
        }
        String shownName = request.filename() != null ? request.filename() : name;
        String type = ContentTypes.byName(shownName);
        if (type == null) {
            try (InputStream head = exporter.cat(cid, 0, ContentTypes.SNIFF_BYTES)) {
                type = ContentTypes.sniff(head.readAllBytes());
            }
        }
        headers.put("Content-Type", type);
        headers.put("Accept-Ranges", "bytes");
        disposition(request, headers);
        ByteSpan span;
        try {
            span = ByteSpan.ofRange(request.range(), size);
        } catch (GatewayException unsatisfiable) {
            return Reply.error(416, unsatisfiable.getMessage(), Map.of("Content-Range", "bytes */" + size));
        }
        if (span == null) {
            return new Reply(200, headers, size, out -> copy(exporter, cid, 0, size, out));
        }
        headers.put("Content-Range", "bytes " + span.first() + "-" + span.last() + "/" + size);
        return new Reply(206, headers, span.length(), out -> copy(exporter, cid, span.first(), span.length(), out));
    }

    /** A block of another codec, served as its media type (the path gateway's deserialized form of it). */
    private Reply block(GatewayRequest request, Resolved resolved, Exporter exporter) throws GatewayException, IOException {
        Cid cid = resolved.terminal();
        String type = switch ((int) cid.codec()) {
            case Multicodec.DAG_CBOR -> "application/vnd.ipld.dag-cbor";
            case Multicodec.DAG_JSON -> "application/vnd.ipld.dag-json";
            case 0x0200 -> "application/json";
            case 0x51 -> "application/cbor";
            default -> throw GatewayException.notAcceptable("codec " + Multicodec.name(cid.codec())
                    + " has no deserialized form here; ask for ?format=raw or ?format=car");
        };
        String etag = quote(cid.toString());
        Map<String, String> headers = common(request, resolved, etag);
        if (matches(request.ifNoneMatch(), etag)) {
            return notModified(headers);
        }
        byte[] block = exporter.block(cid);
        headers.put("Content-Type", type);
        return Reply.bytes(200, headers, block);
    }

    private static boolean isFile(Cid cid, Exporter exporter) throws IOException {
        if (cid.codec() == Multicodec.RAW) {
            return true;
        }
        if (cid.codec() != Multicodec.DAG_PB) {
            return false;
        }
        UnixfsData.Type type = Exporter.unixfs(cid, DagPb.decode(exporter.block(cid))).type();
        return type == UnixfsData.Type.FILE || type == UnixfsData.Type.RAW;
    }

    private static void copy(Exporter exporter, Cid cid, long offset, long length, OutputStream out)
            throws IOException {
        try (InputStream in = exporter.cat(cid, offset, length)) {
            in.transferTo(out);
        }
    }

    /** The headers of every successful reply. */
    private static Map<String, String> common(GatewayRequest request, Resolved resolved, String etag) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Etag", etag);
        headers.put("Cache-Control", IMMUTABLE);
        headers.put("X-Ipfs-Path", request.rawPath());
        headers.put("X-Ipfs-Roots", resolved.roots().stream().map(Cid::toString).collect(Collectors.joining(",")));
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    private static Reply notModified(Map<String, String> headers) {
        headers.remove("X-Content-Type-Options");
        return new Reply(304, headers, 0, null);
    }

    /** Names the format in the URL when it was negotiated by Accept alone, so caches keep the forms apart. */
    private static void contentLocation(GatewayRequest request, Map<String, String> headers) {
        if (request.negotiation().fromAccept()) {
            String query = request.rawQuery();
            headers.put("Content-Location", request.rawPath() + "?" + (query.isEmpty() ? "" : query + "&")
                    + "format=" + request.format().query());
        }
    }

    private static void disposition(GatewayRequest request, Map<String, String> headers) {
        if (request.filename() == null && !request.download()) {
            return;
        }
        String kind = request.download() ? "attachment" : "inline";
        if (request.filename() == null) {
            headers.put("Content-Disposition", kind);
            return;
        }
        String ascii = request.filename().replaceAll("[^\\x20-\\x7E]|[\"\\\\]", "_");
        String utf8 = URLEncoder.encode(request.filename(), StandardCharsets.UTF_8).replace("+", "%20");
        headers.put("Content-Disposition", kind + "; filename=\"" + ascii + "\"; filename*=UTF-8''" + utf8);
    }

    /** Whether an If-None-Match header names this Etag (weak or strong), or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

    /** A short digest of what makes two CAR responses for one root differ. */
    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
