package io.ipfskit.multiformats;

import java.util.Arrays;

/** Big-number base conversion where each leading zero byte maps to one leading zero digit (base58btc, base36). */
final class RadixCodec {

    static final RadixCodec BASE58BTC = new RadixCodec("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");
    static final RadixCodec BASE36 = new RadixCodec("0123456789abcdefghijklmnopqrstuvwxyz");

    private final char[] alphabet;
    private final byte[] digits = new byte[128];
    private final double bitsPerDigit;

    private RadixCodec(String alphabet) {
        this.alphabet = alphabet.toCharArray();
        Arrays.fill(digits, (byte) -1);
        for (int i = 0; i < this.alphabet.length; i++) {
            digits[this.alphabet[i]] = (byte) i;
        }
        bitsPerDigit = Math.log(this.alphabet.length) / Math.log(2);
    }

    String encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        int base = alphabet.length;
        // little-endian digits of the number held in data[zeros..]
        byte[] out = new byte[(int) ((data.length - zeros) * 8 / bitsPerDigit) + 1];
        int length = 0;
        for (int i = zeros; i < data.length; i++) {
            int carry = data[i] & 0xff;
            for (int j = 0; j < length; j++) {
                carry += (out[j] & 0xff) << 8;
                out[j] = (byte) (carry % base);
                carry /= base;
            }
            while (carry > 0) {
                out[length++] = (byte) (carry % base);
                carry /= base;
            }
        }
        StringBuilder text = new StringBuilder(zeros + length);
        text.append(String.valueOf(alphabet[0]).repeat(zeros));
        for (int j = length - 1; j >= 0; j--) {
            text.append(alphabet[out[j]]);
        }
        return text.toString();
    }

    byte[] decode(CharSequence text) {
        int zeros = 0;
        while (zeros < text.length() && text.charAt(zeros) == alphabet[0]) {
            zeros++;
        }
        int base = alphabet.length;
        // little-endian bytes of the number held in text[zeros..]
        byte[] out = new byte[(int) ((text.length() - zeros) * bitsPerDigit / 8) + 1];
        int length = 0;
        for (int i = zeros; i < text.length(); i++) {
            char c = text.charAt(i);
            int carry = c < 128 ? digits[c] : -1;
            if (carry < 0) {
                throw new IllegalArgumentException("invalid character '" + c + "' at index " + i);
            }
            for (int j = 0; j < length; j++) {
                carry += (out[j] & 0xff) * base;
                out[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                out[length++] = (byte) carry;
                carry >>>= 8;
            }
        }
        byte[] result = new byte[zeros + length];
        for (int j = 0; j < length; j++) {
            result[zeros + j] = out[length - 1 - j];
        }
        return result;
    }
}
