package io.ipfskit.dht.kad.records;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.google.protobuf.CodedOutputStream;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.KeyType;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.multiformats.keys.PublicKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Builds IPNS records as the spec creates them (V2 signature over the DAG-CBOR data), signed by Ed25519 or RSA keys. */
public final class IpnsFixtures {

    private static final CBORFactory CBOR = new CBORFactory();

    /** A signer: its public key and a signature function. */
    public record Signer(PublicKey publicKey, UnaryOperator<byte[]> sign) {
        /** The peer id (IPNS name) of the key. */
        public PeerId name() {
            return PeerId.fromPublicKey(publicKey);
        }
    }

    private IpnsFixtures() {
    }

    /** A fresh Ed25519 signer (its key is inlined in its name). */
    public static Signer ed25519() {
        PrivateKey key = PrivateKey.generateEd25519();
        return new Signer(key.publicKey(), key::sign);
    }

    /** A fresh RSA-2048 signer (its name is a SHA-256 hash: the key is not inlined). */
    public static Signer rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            PublicKey publicKey = PublicKey.of(KeyType.RSA, pair.getPublic().getEncoded());
            return new Signer(publicKey, data -> {
                try {
                    Signature s = Signature.getInstance("SHA256withRSA");
                    s.initSign(pair.getPrivate());
                    s.update(data);
                    return s.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The routing key of a name: "/ipns/" and the peer id's bytes. */
    public static byte[] key(PeerId name) {
        return concat("/ipns/".getBytes(StandardCharsets.US_ASCII), name.bytes());
    }

    /** A V2-only record of {@code value}, sequence {@code seq}, valid until {@code eol}; the key embedded if asked. */
    public static byte[] record(Signer signer, String value, long seq, Instant eol, boolean embedKey) {
        byte[] data = data(value, seq, eol);
        byte[] signature = signer.sign().apply(concat("ipns-signature:".getBytes(StandardCharsets.US_ASCII), data));
        return entry(out -> {
            if (embedKey) {
                out.writeByteArray(7, signer.publicKey().marshal());
            }
            out.writeByteArray(8, signature);
            out.writeByteArray(9, data);
        });
    }

    /** A V1+V2 record whose legacy value field says {@code v1Value} (valid only if it equals {@code value}). */
    public static byte[] recordWithV1(Signer signer, String value, String v1Value, long seq, Instant eol) {
        byte[] data = data(value, seq, eol);
        byte[] signature = signer.sign().apply(concat("ipns-signature:".getBytes(StandardCharsets.US_ASCII), data));
        return entry(out -> {
            out.writeByteArray(1, v1Value.getBytes(StandardCharsets.UTF_8));
            out.writeByteArray(2, new byte[] {1});
            out.writeEnum(3, 0);
            out.writeByteArray(4, eol.toString().getBytes(StandardCharsets.US_ASCII));
            out.writeUInt64(5, seq);
            out.writeUInt64(6, 300_000_000_000L);
            out.writeByteArray(8, signature);
            out.writeByteArray(9, data);
        });
    }

    /** The DAG-CBOR data: keys in DAG-CBOR order (length, then bytes): TTL, Value, Sequence, Validity, ValidityType. */
    public static byte[] data(String value, long seq, Instant eol) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = CBOR.createGenerator(out)) {
            g.writeStartObject(5);
            g.writeFieldName("TTL");
            g.writeNumber(300_000_000_000L);
            g.writeFieldName("Value");
            g.writeBinary(value.getBytes(StandardCharsets.UTF_8));
            g.writeFieldName("Sequence");
            g.writeNumber(seq);
            g.writeFieldName("Validity");
            g.writeBinary(eol.toString().getBytes(StandardCharsets.US_ASCII));
            g.writeFieldName("ValidityType");
            g.writeNumber(0);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] entry(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
