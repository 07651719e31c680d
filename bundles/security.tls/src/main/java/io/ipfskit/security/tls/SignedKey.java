package io.ipfskit.security.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * The value of libp2p's certificate extension: {@code SignedKey ::= SEQUENCE { publicKey OCTET STRING, signature OCTET
 * STRING }}, the host key's protobuf and its signature over {@link #signedData}; decoding accepts exactly that in DER.
 */
record SignedKey(byte[] publicKey, byte[] signature) {

    /** The extension's object identifier. */
    static final String OID = "1.3.6.1.4.1.53594.1.1";

    /** The largest extension value read: a 4 KiB key and its signature (an RSA-4096 one is 512 bytes) fit easily. */
    static final int MAX_ENCODED = 8192;

    private static final byte[] PREFIX = "libp2p-tls-handshake:".getBytes(StandardCharsets.US_ASCII);

    /** What the host key signs: the prefix, then the certificate's SubjectPublicKeyInfo in DER. */
    static byte[] signedData(byte[] subjectPublicKeyInfo) {
        byte[] data = new byte[PREFIX.length + subjectPublicKeyInfo.length];
        System.arraycopy(PREFIX, 0, data, 0, PREFIX.length);
        System.arraycopy(subjectPublicKeyInfo, 0, data, PREFIX.length, subjectPublicKeyInfo.length);
        return data;
    }

    /** The DER encoding carried in the extension. */
    byte[] encode() {
        try {
            return new DERSequence(new ASN1Encodable[] {new DEROctetString(publicKey), new DEROctetString(signature)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding in memory failed", e);
        }
    }

    /** Reads an extension value; anything but a DER sequence of exactly two octet strings is refused. */
    static SignedKey decode(byte[] der) throws TlsPeerException {
        if (der.length > MAX_ENCODED) {
            throw new TlsPeerException("tls: key extension of " + der.length + " bytes exceeds " + MAX_ENCODED);
        }
        ASN1Primitive value;
        try {
            value = ASN1Primitive.fromByteArray(der);
        } catch (IOException | RuntimeException e) {
            throw new TlsPeerException("tls: key extension is not DER: " + e.getMessage(), e);
        }
        if (!(value instanceof ASN1Sequence sequence) || sequence.size() != 2
                || !(sequence.getObjectAt(0) instanceof ASN1OctetString key)
                || !(sequence.getObjectAt(1) instanceof ASN1OctetString signature)) {
            throw new TlsPeerException("tls: key extension is not a SEQUENCE of two OCTET STRINGs");
        }
        if (!Arrays.equals(der, encodedOrNull(value))) {
            throw new TlsPeerException("tls: key extension is not in DER (or has trailing bytes)");
        }
        return new SignedKey(key.getOctets(), signature.getOctets());
    }

    private static byte[] encodedOrNull(ASN1Primitive value) {
        try {
            return value.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            return null;
        }
    }
}
