package io.ipfskit.multiformats;

import java.util.Arrays;

/** RFC 4648 base32 without padding, in one letter case; decoding rejects non-zero trailing bits. */
final class Base32 {

    static final Base32 LOWER = new Base32("abcdefghijklmnopqrstuvwxyz234567");
    static final Base32 UPPER = new Base32("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");

    private final char[] alphabet;
    private final byte[] digits = new byte[128];

    private Base32(String alphabet) {
        this.alphabet = alphabet.toCharArray();
        Arrays.fill(digits, (byte) -1);
        for (int i = 0; i < 32; i++) {
            digits[this.alphabet[i]] = (byte) i;
        }
    }

    String encode(byte[] data) {
        StringBuilder text = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                text.append(alphabet[(buffer >>> bits) & 31]);
            }
        }
        if (bits > 0) {
            text.append(alphabet[(buffer << (5 - bits)) & 31]);
        }
        return text.toString();
    }

    byte[] decode(CharSequence text) {
        int length = text.length();
        int rest = length % 8;
        if (rest == 1 || rest == 3 || rest == 6) {
            throw new IllegalArgumentException("invalid base32 length " + length);
        }
        byte[] out = new byte[length * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? digits[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base32 character '" + c + "' at index " + i);
            }
            buffer = (buffer << 5) | digit;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[n++] = (byte) (buffer >>> bits);
            }
        }
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("base32 text has non-zero trailing bits");
        }
        return out;
    }
}
