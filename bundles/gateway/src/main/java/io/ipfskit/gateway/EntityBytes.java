package io.ipfskit.gateway;

/**
 * The trustless gateway's {@code entity-bytes=from:to}: {@code from} an offset (negative: from the end), {@code to} an
 * inclusive offset (negative: from the end) or {@code *} (the end, stored as {@link Long#MAX_VALUE}).
 */
record EntityBytes(long from, long to) {

    private static final long END = Long.MAX_VALUE;

    /** Parses the query value; {@link GatewayException} 400 when malformed. */
    static EntityBytes parse(String value) throws GatewayException {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw invalid(value);
        }
        long from = offset(value.substring(0, colon), value);
        String toText = value.substring(colon + 1);
        long to = "*".equals(toText) ? END : offset(toText, value);
        if (from >= 0 && to >= 0 && to != END && to < from) {
            throw invalid(value);
        }
        return new EntityBytes(from, to);
    }

    /**
     * The span these offsets name in an entity of {@code size} bytes, clamped to it; null when it is empty (the CAR
     * then carries the terminal block alone); {@link GatewayException} 400 when it lies wholly after the entity.
     */
    ByteSpan resolve(long size) throws GatewayException {
        long first = from < 0 ? Math.max(0, size + from) : from;
        long last = to == END ? size - 1 : to < 0 ? size + to : Math.min(to, size - 1);
        if (size > 0 && first >= size) {
            throw GatewayException.badRequest("entity-bytes " + this + " lies outside the entity's " + size + " bytes");
        }
        return first > last ? null : new ByteSpan(first, last);
    }

    @Override
    public String toString() {
        return from + ":" + (to == END ? "*" : Long.toString(to));
    }

    private static long offset(String text, String value) throws GatewayException {
        if (!text.matches("-?\\d{1,18}")) {
            throw invalid(value);
        }
        return Long.parseLong(text);
    }

    private static GatewayException invalid(String value) {
        return GatewayException.badRequest("invalid entity-bytes '" + value + "' (expected from:to, to a number or *)");
    }
}
