package io.ipfskit.gateway;

/** An inclusive byte span {@code [first, last]} of an entity, resolved against its size. */
record ByteSpan(long first, long last) {

    /** How many bytes the span holds. */
    long length() {
        return last - first + 1;
    }

    /**
     * A single HTTP {@code Range} ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) against a size: the span, or
     * null when the header is absent, malformed or names several ranges (then the whole entity is served, as RFC 9110
     * allows); {@link GatewayException} 416 when it cannot be satisfied.
     */
    static ByteSpan ofRange(String header, long size) throws GatewayException {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        Long from = number(spec.substring(0, dash));
        Long to = number(spec.substring(dash + 1));
        long first;
        long last;
        if (from == null) {
            if (to == null || to == 0) {
                return to == null ? null : unsatisfiable(size);
            }
            first = Math.max(0, size - to);
            last = size - 1;
        } else {
            if (to != null && to < from) {
                return null;
            }
            first = from;
            last = to == null ? size - 1 : Math.min(to, size - 1);
        }
        if (first >= size) {
            return unsatisfiable(size);
        }
        return new ByteSpan(first, last);
    }

    private static ByteSpan unsatisfiable(long size) throws GatewayException {
        throw new GatewayException(416, "range not satisfiable: the entity holds " + size + " bytes");
    }

    private static Long number(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(trimmed);
    }
}
