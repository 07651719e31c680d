package io.ipfskit.multiformats;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Converts multiaddr component values between text and binary; {@code format} also validates binary values. */
enum ValueCodec {
    NONE {
        @Override byte[] parse(String text) {
            if (!text.isEmpty()) {
                throw new IllegalArgumentException("protocol takes no value: '" + text + "'");
            }
            return new byte[0];
        }
        @Override String format(byte[] value) { expectLength(value, 0); return ""; }
    },
    IP4 {
        @Override byte[] parse(String text) { return InetText.parseIp4(text); }
        @Override String format(byte[] value) { return InetText.formatIp4(expectLength(value, 4), 0); }
    },
    IP6 {
        @Override byte[] parse(String text) { return InetText.parseIp6(text); }
        @Override String format(byte[] value) { return InetText.formatIp6(expectLength(value, 16)); }
    },
    PORT {
        @Override byte[] parse(String text) {
            int port = InetText.parseDecimal(text, 0xffff, "port");
            return new byte[] {(byte) (port >>> 8), (byte) port};
        }
        @Override String format(byte[] value) {
            expectLength(value, 2);
            return Integer.toString((value[0] & 0xff) << 8 | (value[1] & 0xff));
        }
    },
    /** Non-empty UTF-8 text without '/' (DNS names, IPv6 zones). */
    TEXT {
        @Override byte[] parse(String text) { return utf8(checkText(text)); }
        @Override String format(byte[] value) { return checkText(utf8(value)); }
    },
    /** A file system path starting with '/' that takes the rest of the address. */
    PATH {
        @Override byte[] parse(String text) { return utf8(checkPath(text)); }
        @Override String format(byte[] value) { return checkPath(utf8(value)); }
    },
    /** A peer id: its multihash in binary, legacy base58btc or a CID in text (written as base58btc). */
    PEER_ID {
        @Override byte[] parse(String text) { return PeerId.parse(text).bytes(); }
        @Override String format(byte[] value) { return PeerId.fromBytes(value).toBase58(); }
    },
    /** A multihash: binary, or any multibase in text (written as base64url). */
    MULTIHASH {
        @Override byte[] parse(String text) { return Multihash.decode(Multibase.decode(text)).bytes(); }
        @Override String format(byte[] value) { return Multibase.BASE64URL.encode(Multihash.decode(value).bytes()); }
    };

    abstract byte[] parse(String text);

    abstract String format(byte[] value);

    private static byte[] expectLength(byte[] value, int length) {
        if (value.length != length) {
            throw new IllegalArgumentException("value has " + value.length + " bytes, not " + length);
        }
        return value;
    }

    private static String checkText(String text) {
        if (text.isEmpty() || text.indexOf('/') >= 0) {
            throw new IllegalArgumentException("value must be non-empty text without '/': '" + text + "'");
        }
        return text;
    }

    private static String checkPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/': '" + path + "'");
        }
        return path;
    }

    private static byte[] utf8(String text) {
        try {
            ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            byte[] out = new byte[bytes.remaining()];
            bytes.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("value is not valid Unicode text", e);
        }
    }

    private static String utf8(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("value is not valid UTF-8", e);
        }
    }
}
