package io.ipfskit.gateway;

import io.ipfskit.multiformats.Cid;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One gateway request, parsed and checked: {@code GET|HEAD /ipfs/{cid}[/path]} with its format, CAR options, range and
 * caching headers. {@code rawPath} is the path as sent (percent-encoded, safe in a header), {@code segments} the
 * decoded names after the CID.
 */
record GatewayRequest(boolean head, String rawPath, String rawQuery, Cid root, List<String> segments,
        boolean trailingSlash, Negotiation negotiation, DagScope scope, EntityBytes entityBytes, String range,
        String ifNoneMatch, boolean onlyIfCached, String filename, boolean download) {

    /** Most path segments after the CID. */
    static final int MAX_SEGMENTS = 256;

    /** The response format asked for. */
    ResponseFormat format() {
        return negotiation.format();
    }

    /** Parses a request line and its headers; {@link GatewayException} with the status the spec gives otherwise. */
    static GatewayRequest parse(HttpMethod method, String uri, HttpHeaders headers) throws GatewayException {
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            throw new GatewayException(405, "method " + method + " not allowed (GET and HEAD are)");
        }
        QueryStringDecoder decoder = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 64);
        String rawPath = decoder.rawPath();
        String[] parts = rawPath.split("/", -1);
        if (parts.length >= 2 && parts[1].equals("ipns")) {
            throw new GatewayException(501, "/ipns/ paths are not served by this gateway yet");
        }
        if (parts.length < 3 || !parts[0].isEmpty() || !parts[1].equals("ipfs") || parts[2].isEmpty()) {
            throw GatewayException.notFound("not found: " + rawPath + " (this gateway serves /ipfs/{cid}[/path])");
        }
        Cid root = cid(decode(parts[2]));
        boolean trailingSlash = parts.length > 3 && parts[parts.length - 1].isEmpty();
        List<String> segments = new ArrayList<>();
        for (int i = 3; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                segments.add(decode(parts[i]));
            }
        }
        if (segments.size() > MAX_SEGMENTS) {
            throw GatewayException.badRequest("path deeper than " + MAX_SEGMENTS + " segments");
        }
        Map<String, String> query = single(decoder.parameters());
        if ("script".equals(headers.get("Service-Worker")) && segments.isEmpty() && !trailingSlash) {
            throw GatewayException.badRequest("a service worker may register only under /ipfs/{cid}/");
        }
        Negotiation negotiation = Negotiation.of(query.get("format"), headers.get(HttpHeaderNames.ACCEPT), query);
        EntityBytes entityBytes = query.containsKey("entity-bytes") ? EntityBytes.parse(query.get("entity-bytes")) : null;
        DagScope scope = entityBytes != null ? DagScope.ENTITY
                : query.containsKey("dag-scope") ? DagScope.parse(query.get("dag-scope")) : DagScope.ALL;
        String cacheControl = headers.get(HttpHeaderNames.CACHE_CONTROL, "");
        return new GatewayRequest(HttpMethod.HEAD.equals(method), rawPath, rawQuery(uri), root, List.copyOf(segments),
                trailingSlash, negotiation, scope, entityBytes, headers.get(HttpHeaderNames.RANGE),
                headers.get(HttpHeaderNames.IF_NONE_MATCH), cacheControl.contains("only-if-cached"),
                query.get("filename"), "true".equals(query.get("download")));
    }

    /** The terminal name of the path (the last segment), or null at the root. */
    String lastName() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    private static Cid cid(String text) throws GatewayException {
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("invalid CID '" + text + "': " + e.getMessage());
        }
    }

    private static String decode(String segment) throws GatewayException {
        try {
            return QueryStringDecoder.decodeComponent(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayException.badRequest("invalid percent-encoding in '" + segment + "'");
        }
    }

    private static String rawQuery(String uri) {
        int mark = uri.indexOf('?');
        return mark < 0 ? "" : uri.substring(mark + 1);
    }

    private static Map<String, String> single(Map<String, List<String>> parameters) {
        Map<String, String> first = new HashMap<>();
        parameters.forEach((key, values) -> first.put(key, values.isEmpty() ? "" : values.get(0)));
        return first;
    }
}
