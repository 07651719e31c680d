package io.ipfskit.gateway;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The response format a request asks for, from {@code ?format=} (which wins) or else the {@code Accept} header
 * (RFC 9110 12.5.1: the highest {@code q} this gateway can serve), with the CAR parameters ({@code version},
 * {@code order}, {@code dups}) from the media type or the {@code car-*} query parameters (which win).
 */
record Negotiation(ResponseFormat format, boolean fromAccept, boolean dups) {

    /** Most media ranges of an Accept header looked at. */
    static final int MAX_MEDIA_RANGES = 32;

    /** Formats of the path gateway this gateway does not produce: asked for alone, a 406. */
    private static final Set<String> UNSUPPORTED_FORMATS = Set.of("tar", "dag-json", "dag-cbor", "json", "cbor",
            "ipns-record");
    private static final Set<String> UNSUPPORTED_TYPES = Set.of("application/x-tar", "application/vnd.ipld.dag-json",
            "application/vnd.ipld.dag-cbor", "application/json", "application/cbor", "application/vnd.ipfs.ipns-record");

    /** Decides from the query's {@code format} and {@code car-*} values (null when absent) and the Accept header. */
    static Negotiation of(String format, String accept, Map<String, String> carQuery) throws GatewayException {
        if (format != null) {
            ResponseFormat chosen = switch (format) {
                case "raw" -> ResponseFormat.RAW;
                case "car" -> ResponseFormat.CAR;
                default -> throw UNSUPPORTED_FORMATS.contains(format)
                        ? GatewayException.notAcceptable("format " + format + " is not served by this gateway (raw and car are)")
                        : GatewayException.badRequest("unknown format '" + format + "'");
            };
            Map<String, String> params = chosen == ResponseFormat.CAR ? carParamsOf(accept) : Map.of();
            return withCarOptions(chosen, false, params, carQuery, true);
        }
        List<MediaRange> ranges = parse(accept);
        boolean refusedAny = false;
        for (MediaRange range : ranges) {
            if (range.q <= 0) {
                continue;
            }
            if (range.type.equals(ResponseFormat.RAW.mediaType())) {
                return new Negotiation(ResponseFormat.RAW, true, false);
            }
            if (range.type.equals(ResponseFormat.CAR.mediaType())) {
                Negotiation car = withCarOptions(ResponseFormat.CAR, true, range.params, carQuery, false);
                if (car != null) {
                    return car;
                }
                refusedAny = true;
                continue;
            }
            if (UNSUPPORTED_TYPES.contains(range.type)) {
                refusedAny = true;
                continue;
            }
            return new Negotiation(ResponseFormat.DESERIALIZED, false, false);
        }
        if (refusedAny) {
            throw GatewayException.notAcceptable("none of the accepted types is served by this gateway: " + accept);
        }
        return new Negotiation(ResponseFormat.DESERIALIZED, false, false);
    }

    /**
     * A CAR negotiation with these media-type parameters, the query's winning; null (or, when {@code strict}, a 406)
     * when a version or order is asked that is not served; 400 for a dups value that is neither y nor n.
     */
    private static Negotiation withCarOptions(ResponseFormat format, boolean fromAccept, Map<String, String> params,
            Map<String, String> query, boolean strict) throws GatewayException {
        if (format != ResponseFormat.CAR) {
            return new Negotiation(format, fromAccept, false);
        }
        String version = query.getOrDefault("car-version", params.get("version"));
        String order = query.getOrDefault("car-order", params.get("order"));
        String dups = query.getOrDefault("car-dups", params.get("dups"));
        if (version != null && !version.equals("1") || order != null && !order.equals("dfs") && !order.equals("unk")) {
            if (strict) {
                throw GatewayException.notAcceptable("CAR version " + (version == null ? "1" : version) + ", order "
                        + (order == null ? "dfs" : order) + " is not served (version 1, order dfs is)");
            }
            return null;
        }
        if (dups != null && !dups.equals("y") && !dups.equals("n")) {
            throw GatewayException.badRequest("invalid CAR dups '" + dups + "' (expected y or n)");
        }
        return new Negotiation(format, fromAccept, "y".equals(dups));
    }

    /** The parameters of the first CAR media range of an Accept header, if any. */
    private static Map<String, String> carParamsOf(String accept) {
        return parse(accept).stream().filter(r -> r.type.equals(ResponseFormat.CAR.mediaType())).findFirst()
                .map(r -> r.params).orElse(Map.of());
    }

    /** The media ranges of an Accept header, highest q first (stable), at most {@link #MAX_MEDIA_RANGES}. */
    static List<MediaRange> parse(String accept) {
        List<MediaRange> ranges = new ArrayList<>();
        if (accept == null || accept.isBlank()) {
            return ranges;
        }
        for (String part : accept.split(",", MAX_MEDIA_RANGES + 1)) {
            if (ranges.size() == MAX_MEDIA_RANGES) {
                break;
            }
            String[] pieces = part.split(";");
            String type = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (type.isEmpty()) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                int eq = pieces[i].indexOf('=');
                if (eq > 0) {
                    String key = pieces[i].substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = pieces[i].substring(eq + 1).trim().replace("\"", "");
                    if (key.equals("q")) {
                        q = quality(value);
                    } else {
                        params.put(key, value);
                    }
                }
            }
            ranges.add(new MediaRange(type, Map.copyOf(params), q));
        }
        ranges.sort(Comparator.comparingDouble((MediaRange r) -> r.q).reversed());
        return ranges;
    }

    private static double quality(String value) {
        try {
            double q = Double.parseDouble(value);
            return q >= 0 && q <= 1 ? q : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** One media range of an Accept header. */
    record MediaRange(String type, Map<String, String> params, double q) {
    }
}
