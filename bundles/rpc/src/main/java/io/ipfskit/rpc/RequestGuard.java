package io.ipfskit.rpc;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests from browsers of other sites, as kubo does: the Host must be an IP literal or localhost (no DNS
 * rebinding), and an Origin or Referer must be the API's own loopback origin or a configured one.
 */
final class RequestGuard {

    private final Set<String> allowedOrigins = new HashSet<>();

    RequestGuard(int port, String[] extraOrigins) {
        for (String host : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
            allowedOrigins.add("http://" + host + ":" + port);
        }
        for (String origin : extraOrigins) {
            allowedOrigins.add(stripSlash(origin.toLowerCase(Locale.ROOT)));
        }
    }

    /** Why the request is refused, or null when it may proceed. */
    String refusal(HttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null && !isLocalOrLiteral(host)) {
            return "foreign Host header " + host;
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !allowedOrigins.contains(stripSlash(origin.toLowerCase(Locale.ROOT)))) {
            return "foreign Origin " + origin;
        }
        String referer = request.headers().get(HttpHeaderNames.REFERER);
        if (origin == null && referer != null && !allowedOrigins.contains(originOf(referer))) {
            return "foreign Referer " + referer;
        }
        return null;
    }

    private static boolean isLocalOrLiteral(String hostHeader) {
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return host.indexOf(']') > 0;
        }
        int colon = host.indexOf(':');
        String name = colon < 0 ? host : host.substring(0, colon);
        return name.equals("localhost") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static String originOf(String url) {
        try {
            URI uri = new URI(url);
            return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String stripSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
