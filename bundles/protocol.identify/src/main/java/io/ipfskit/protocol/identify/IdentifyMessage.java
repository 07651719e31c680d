package io.ipfskit.protocol.identify;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The identify protobuf: publicKey 1, listenAddrs 2, protocols 3, observedAddr 4, protocolVersion 5, agentVersion 6,
 * signedPeerRecord 8; absent fields are null or empty, unknown fields are skipped, repeated fields are bounded.
 */
record IdentifyMessage(byte[] publicKey, List<byte[]> listenAddrs, List<String> protocols, byte[] observedAddr,
        String protocolVersion, String agentVersion, byte[] signedPeerRecord) {

    /** The most addresses or protocols read from one message. */
    static final int MAX_REPEATED = 1000;

    byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            if (protocolVersion != null) {
                out.writeString(5, protocolVersion);
            }
            if (agentVersion != null) {
                out.writeString(6, agentVersion);
            }
            if (publicKey != null) {
                out.writeByteArray(1, publicKey);
            }
            for (byte[] address : listenAddrs) {
                out.writeByteArray(2, address);
            }
            if (observedAddr != null) {
                out.writeByteArray(4, observedAddr);
            }
            for (String protocol : protocols) {
                out.writeString(3, protocol);
            }
            if (signedPeerRecord != null) {
                out.writeByteArray(8, signedPeerRecord);
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static IdentifyMessage decode(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        byte[] key = null;
        byte[] observed = null;
        byte[] record = null;
        String protocolVersion = null;
        String agent = null;
        List<byte[]> addresses = new ArrayList<>();
        List<String> protocols = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                if (!in.skipField(tag)) {
                    throw new IOException("malformed identify message");
                }
                continue;
            }
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> key = in.readByteArray();
                case 2 -> addresses.add(in.readByteArray());
                case 3 -> protocols.add(in.readStringRequireUtf8());
                case 4 -> observed = in.readByteArray();
                case 5 -> protocolVersion = in.readStringRequireUtf8();
                case 6 -> agent = in.readStringRequireUtf8();
                case 8 -> record = in.readByteArray();
                default -> in.skipField(tag);
            }
            if (addresses.size() > MAX_REPEATED || protocols.size() > MAX_REPEATED) {
                throw new IOException("identify message lists more than " + MAX_REPEATED + " entries");
            }
        }
        return new IdentifyMessage(key, addresses, protocols, observed, protocolVersion, agent, record);
    }
}
