package io.ipfskit.dht.kad.records;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * An IPNS record ({@code IpnsEntry}, ipfs/specs ipns-record) as validation reads it: the V2 signature, the signed
 * DAG-CBOR {@code data} with its Value, Validity, ValidityType, Sequence and TTL, the optional public key, and the
 * legacy V1 copies of those fields (which must equal the signed ones when present).
 */
final class IpnsRecord {

    /** The largest record accepted (the spec's limit). */
    static final int MAX_SIZE = 10 * 1024;

    private static final CBORFactory CBOR = new CBORFactory();

    byte[] pubKey;
    byte[] signatureV2;
    byte[] data;
    boolean hasV1;
    byte[] v1Value = new byte[0];
    byte[] v1Validity = new byte[0];
    long v1ValidityType;
    long v1Sequence;
    long v1Ttl;
    byte[] value;
    byte[] validity;
    long validityType = -1;
    long sequence;
    long ttl;

    private IpnsRecord() {
    }

    /** Parses the protobuf and its signed CBOR document; InvalidRecordException for anything malformed or missing. */
    static IpnsRecord parse(byte[] bytes) throws InvalidRecordException {
        if (bytes.length > MAX_SIZE) {
            throw new InvalidRecordException("IPNS record of " + bytes.length + " bytes exceeds " + MAX_SIZE);
        }
        IpnsRecord r = new IpnsRecord();
        try {
            r.protobuf(CodedInputStream.newInstance(bytes));
        } catch (IOException e) {
            throw new InvalidRecordException("malformed IPNS record: " + e.getMessage());
        }
        if (r.signatureV2 == null || r.signatureV2.length == 0 || r.data == null || r.data.length == 0) {
            throw new InvalidRecordException("IPNS record without signatureV2 or data");
        }
        r.cbor();
        return r;
    }

    private void protobuf(CodedInputStream in) throws IOException, InvalidRecordException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            int type = WireFormat.getTagWireType(tag);
            boolean bytesField = field == 1 || field == 2 || field == 4 || field >= 7 && field <= 9;
            boolean varintField = field == 3 || field == 5 || field == 6;
            if (bytesField && type != WireFormat.WIRETYPE_LENGTH_DELIMITED
                    || varintField && type != WireFormat.WIRETYPE_VARINT) {
                throw new InvalidRecordException("IPNS field " + field + " has wire type " + type);
            }
            switch (field) {
                case 1 -> {
                    v1Value = in.readByteArray();
                    hasV1 = true;
                }
                case 2 -> {
                    in.readByteArray();
                    hasV1 = true;
                }
                case 3 -> v1ValidityType = in.readUInt64();
                case 4 -> v1Validity = in.readByteArray();
                case 5 -> v1Sequence = in.readUInt64();
                case 6 -> v1Ttl = in.readUInt64();
                case 7 -> pubKey = in.readByteArray();
                case 8 -> signatureV2 = in.readByteArray();
                case 9 -> data = in.readByteArray();
                default -> {
                    if (!in.skipField(tag)) {
                        throw new InvalidRecordException("unexpected end-group tag in an IPNS record");
                    }
                }
            }
        }
    }

    private void cbor() throws InvalidRecordException {
        Set<String> seen = new HashSet<>();
        try (JsonParser p = CBOR.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidRecordException("IPNS data is not a CBOR map");
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (!seen.add(name)) {
                    throw new InvalidRecordException("IPNS data repeats " + name);
                }
                JsonToken v = p.nextToken();
                switch (name) {
                    case "Value" -> value = binary(p, v, name);
                    case "Validity" -> validity = binary(p, v, name);
                    case "ValidityType" -> validityType = unsigned(p, v, name);
                    case "Sequence" -> sequence = unsigned(p, v, name);
                    case "TTL" -> ttl = unsigned(p, v, name);
                    default -> p.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidRecordException("IPNS data is not exactly one CBOR map");
            }
        } catch (JacksonException e) {
            throw new InvalidRecordException("IPNS data is not valid CBOR: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidRecordException("IPNS data unreadable: " + e.getMessage());
        }
        if (value == null || validity == null || validityType < 0 || !seen.contains("Sequence")) {
            throw new InvalidRecordException("IPNS data lacks Value, Validity, ValidityType or Sequence");
        }
    }

    private static byte[] binary(JsonParser p, JsonToken token, String name) throws IOException, InvalidRecordException {
        if (token != JsonToken.VALUE_EMBEDDED_OBJECT) {
            throw new InvalidRecordException("IPNS " + name + " is not a byte string");
        }
        return p.getBinaryValue();
    }

    private static long unsigned(JsonParser p, JsonToken token, String name) throws IOException, InvalidRecordException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidRecordException("IPNS " + name + " is not an integer");
        }
        BigInteger n = p.getBigIntegerValue();
        if (n.signum() < 0 || n.bitLength() > 64) {
            throw new InvalidRecordException("IPNS " + name + " is not a uint64");
        }
        return n.longValue();
    }

    /** Whether the legacy V1 fields, when present, equal the signed ones (the spec's step 7). */
    boolean v1Matches() {
        return !hasV1 || Arrays.equals(v1Value, value) && Arrays.equals(v1Validity, validity)
                && v1ValidityType == validityType && v1Sequence == sequence && v1Ttl == ttl;
    }

    /** The end of validity (ValidityType 0, an RFC 3339 time). */
    Instant eol() throws InvalidRecordException {
        if (validityType != 0) {
            throw new InvalidRecordException("unknown IPNS validity type " + validityType);
        }
        try {
            return OffsetDateTime.parse(new String(validity, java.nio.charset.StandardCharsets.US_ASCII)).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("IPNS validity is not an RFC 3339 time");
        }
    }
}
