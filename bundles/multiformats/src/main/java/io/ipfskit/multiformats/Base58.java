package io.ipfskit.multiformats;

/** Base58 with the bitcoin alphabet (base58btc), as used by legacy peer ids and CIDv0. */
public final class Base58 {

    private Base58() {
    }

    /** Returns the base58btc text of the bytes; each leading zero byte becomes a leading '1'. */
    public static String encode(byte[] data) {
        return RadixCodec.BASE58BTC.encode(data);
    }

    /** Returns the bytes of base58btc text; throws on any character outside the alphabet. */
    public static byte[] decode(CharSequence text) {
        return RadixCodec.BASE58BTC.decode(text);
    }
}
