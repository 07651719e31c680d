package io.ipfskit.multiformats;

import java.util.Base64;
import java.util.HexFormat;

/**
 * The supported multibase encodings, each named by its prefix character; decoding accepts only
 * the canonical text of the encoding (exact letter case, padding only where the base has it).
 */
public enum Multibase {
    /** Lower-case hexadecimal. */
    BASE16('f') {
        @Override String encodeBody(byte[] data) { return HexFormat.of().formatHex(data); }
        @Override byte[] decodeBody(String text) { return HexFormat.of().parseHex(text); }
    },
    /** Upper-case hexadecimal. */
    BASE16UPPER('F') {
        @Override String encodeBody(byte[] data) { return HexFormat.of().withUpperCase().formatHex(data); }
        @Override byte[] decodeBody(String text) { return HexFormat.of().parseHex(text); }
    },
    /** RFC 4648 base32, lower case, no padding; the default for CIDv1. */
    BASE32('b') {
        @Override String encodeBody(byte[] data) { return Base32.LOWER.encode(data); }
        @Override byte[] decodeBody(String text) { return Base32.LOWER.decode(text); }
    },
    /** RFC 4648 base32, upper case, no padding. */
    BASE32UPPER('B') {
        @Override String encodeBody(byte[] data) { return Base32.UPPER.encode(data); }
        @Override byte[] decodeBody(String text) { return Base32.UPPER.decode(text); }
    },
    /** Base36, lower case. */
    BASE36('k') {
        @Override String encodeBody(byte[] data) { return RadixCodec.BASE36.encode(data); }
        @Override byte[] decodeBody(String text) { return RadixCodec.BASE36.decode(text); }
    },
    /** Base58 with the bitcoin alphabet. */
    BASE58BTC('z') {
        @Override String encodeBody(byte[] data) { return RadixCodec.BASE58BTC.encode(data); }
        @Override byte[] decodeBody(String text) { return RadixCodec.BASE58BTC.decode(text); }
    },
    /** RFC 4648 base64, no padding. */
    BASE64('m') {
        @Override String encodeBody(byte[] data) { return Base64.getEncoder().withoutPadding().encodeToString(data); }
        @Override byte[] decodeBody(String text) { return Base64.getDecoder().decode(text); }
    },
    /** RFC 4648 base64 with the URL and file name safe alphabet, no padding. */
    BASE64URL('u') {
        @Override String encodeBody(byte[] data) { return Base64.getUrlEncoder().withoutPadding().encodeToString(data); }
        @Override byte[] decodeBody(String text) { return Base64.getUrlDecoder().decode(text); }
    },
    /** RFC 4648 base64 with padding. */
    BASE64PAD('M') {
        @Override String encodeBody(byte[] data) { return Base64.getEncoder().encodeToString(data); }
        @Override byte[] decodeBody(String text) { return Base64.getDecoder().decode(text); }
    },
    /** RFC 4648 base64 with the URL and file name safe alphabet, with padding. */
    BASE64URLPAD('U') {
        @Override String encodeBody(byte[] data) { return Base64.getUrlEncoder().encodeToString(data); }
        @Override byte[] decodeBody(String text) { return Base64.getUrlDecoder().decode(text); }
    };

    private final char prefix;

    Multibase(char prefix) {
        this.prefix = prefix;
    }

    /** Returns the prefix character that names this encoding. */
    public char prefix() {
        return prefix;
    }

    /** Returns the prefixed text of the bytes. */
    public String encode(byte[] data) {
        return prefix + encodeBody(data);
    }

    /** Returns the bytes of prefixed multibase text, in any supported encoding. */
    public static byte[] decode(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty multibase text");
        }
        Multibase base = of(text.charAt(0));
        String body = text.substring(1);
        byte[] data = base.decodeBody(body);
        if (!base.encodeBody(data).equals(body)) {
            throw new IllegalArgumentException("not the canonical " + base + " text: " + abbreviate(text));
        }
        return data;
    }

    /** Returns the encoding named by a prefix character. */
    public static Multibase of(char prefix) {
        for (Multibase base : values()) {
            if (base.prefix == prefix) {
                return base;
            }
        }
        throw new IllegalArgumentException("unsupported multibase prefix '" + prefix + "'");
    }

    abstract String encodeBody(byte[] data);

    abstract byte[] decodeBody(String text);

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
