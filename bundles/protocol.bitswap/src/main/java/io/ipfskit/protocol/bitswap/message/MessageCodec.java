package io.ipfskit.protocol.bitswap.message;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Varint;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes Bitswap messages by hand, field for field as boxo's message.proto: Message{wantlist 1 {entries 1
 * {block 1, priority 2, cancel 3, wantType 4, sendDontHave 5}, full 2}, blocks 2, payload 3 {prefix 1, data 2},
 * blockPresences 4 {cid 1, type 2}, pendingBytes 5}. Decoding bounds every repeated field and every CID, skips unknown
 * fields, and reports anything else as a {@link MalformedMessageException}.
 */
public final class MessageCodec {

    /** The largest message, framing excluded, either way. */
    public static final int MAX_MESSAGE = 4 * 1024 * 1024;
    /** The most entries, blocks or presences one message may carry. */
    public static final int MAX_REPEATED = 16384;
    /** The longest CID accepted (boxo's MaximumAllowedCid: four 10-byte varints and a 128-byte digest). */
    public static final int MAX_CID_BYTES = 168;

    private static final int DONT_HAVE = 1;

    private MessageCodec() {
    }

    /** The message framed for the wire: its uvarint length, then its body; IllegalArgumentException above the limit. */
    public static byte[] frame(BitswapMessage message, Dialect dialect) {
        Encoding encoding = new Encoding(message, dialect);
        int header = Varint.size(encoding.size);
        byte[] out = new byte[header + encoding.size];
        System.arraycopy(Varint.encode(encoding.size), 0, out, 0, header);
        encoding.writeTo(out, header);
        return out;
    }

    /** The message body alone (no length prefix). */
    public static byte[] encode(BitswapMessage message, Dialect dialect) {
        Encoding encoding = new Encoding(message, dialect);
        byte[] out = new byte[encoding.size];
        encoding.writeTo(out, 0);
        return out;
    }

    /** Decodes one message body. */
    public static BitswapMessage decode(byte[] body) throws MalformedMessageException {
        if (body.length > MAX_MESSAGE) {
            throw new MalformedMessageException("message of " + body.length + " bytes exceeds " + MAX_MESSAGE);
        }
        Decoder decoder = new Decoder();
        try {
            decoder.message(CodedInputStream.newInstance(body));
        } catch (MalformedMessageException e) {
            throw e;
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedMessageException("malformed bitswap message: " + e.getMessage());
        } catch (IOException e) {
            throw new IllegalStateException("reading an array failed", e);
        }
        return new BitswapMessage(decoder.entries, decoder.full, decoder.blocks, decoder.presences, decoder.pendingBytes);
    }

    /** Sizes first, then writes into an array of exactly that size. */
    private static final class Encoding {
        private final BitswapMessage message;
        private final Dialect dialect;
        private final List<byte[]> entryCids = new ArrayList<>();
        private final List<byte[]> prefixes = new ArrayList<>();
        private final List<byte[]> presenceCids = new ArrayList<>();
        private final boolean writeWantlist;
        private int wantlistSize;
        final int size;

        Encoding(BitswapMessage message, Dialect dialect) {
            this.message = message;
            this.dialect = dialect;
            long total = 0;
            writeWantlist = !message.wantlist().isEmpty() || message.full();
            if (writeWantlist) {
                for (WantEntry e : message.wantlist()) {
                    byte[] cid = e.cid().bytes();
                    entryCids.add(cid);
                    wantlistSize += nested(1, entrySize(e, cid));
                }
                if (message.full()) {
                    wantlistSize += CodedOutputStream.computeBoolSize(2, true);
                }
                total += nested(1, wantlistSize);
            }
            for (WireBlock block : message.blocks()) {
                if (asPayload(block)) {
                    byte[] prefix = block.prefix().encode();
                    prefixes.add(prefix);
                    total += nested(3, payloadSize(prefix, block.data()));
                } else {
                    prefixes.add(null);
                    total += CodedOutputStream.computeByteArraySize(2, block.data());
                }
            }
            if (dialect.presences()) {
                for (Presence p : message.presences()) {
                    byte[] cid = p.cid().bytes();
                    presenceCids.add(cid);
                    total += nested(4, presenceSize(p, cid));
                }
            }
            if (writesPendingBytes()) {
                total += CodedOutputStream.computeInt32Size(5, message.pendingBytes());
            }
            if (total > MAX_MESSAGE) {
                throw new IllegalArgumentException("message of " + total + " bytes exceeds " + MAX_MESSAGE);
            }
            size = (int) total;
        }

        private boolean asPayload(WireBlock block) {
            return block.prefix() != null && dialect.payloads();
        }

        private boolean writesPendingBytes() {
            return message.pendingBytes() != 0 && dialect.payloads();
        }

        private int entrySize(WantEntry e, byte[] cid) {
            int s = CodedOutputStream.computeByteArraySize(1, cid);
            if (e.priority() != 0) {
                s += CodedOutputStream.computeInt32Size(2, e.priority());
            }
            if (e.cancel()) {
                s += CodedOutputStream.computeBoolSize(3, true);
            }
            if (haveType(e)) {
                s += CodedOutputStream.computeEnumSize(4, WantType.HAVE.ordinal());
            }
            if (dontHave(e)) {
                s += CodedOutputStream.computeBoolSize(5, true);
            }
            return s;
        }

        private boolean haveType(WantEntry e) {
            return dialect.presences() && !e.cancel() && e.type() == WantType.HAVE;
        }

        private boolean dontHave(WantEntry e) {
            return dialect.presences() && !e.cancel() && e.sendDontHave();
        }

        private static int payloadSize(byte[] prefix, byte[] data) {
            return CodedOutputStream.computeByteArraySize(1, prefix) + CodedOutputStream.computeByteArraySize(2, data);
        }

        private static int presenceSize(Presence p, byte[] cid) {
            return CodedOutputStream.computeByteArraySize(1, cid) + (p.have() ? 0 : CodedOutputStream.computeEnumSize(2, DONT_HAVE));
        }

        private static int nested(int field, int length) {
            return CodedOutputStream.computeTagSize(field) + CodedOutputStream.computeUInt32SizeNoTag(length) + length;
        }

        void writeTo(byte[] array, int offset) {
            CodedOutputStream out = CodedOutputStream.newInstance(array, offset, size);
            try {
                if (writeWantlist) {
                    header(out, 1, wantlistSize);
                    for (int i = 0; i < message.wantlist().size(); i++) {
                        WantEntry e = message.wantlist().get(i);
                        byte[] cid = entryCids.get(i);
                        header(out, 1, entrySize(e, cid));
                        out.writeByteArray(1, cid);
                        if (e.priority() != 0) {
                            out.writeInt32(2, e.priority());
                        }
                        if (e.cancel()) {
                            out.writeBool(3, true);
                        }
                        if (haveType(e)) {
                            out.writeEnum(4, WantType.HAVE.ordinal());
                        }
                        if (dontHave(e)) {
                            out.writeBool(5, true);
                        }
                    }
                    if (message.full()) {
                        out.writeBool(2, true);
                    }
                }
                for (int i = 0; i < message.blocks().size(); i++) {
                    if (prefixes.get(i) == null) {
                        out.writeByteArray(2, message.blocks().get(i).data());
                    }
                }
                for (int i = 0; i < message.blocks().size(); i++) {
                    byte[] prefix = prefixes.get(i);
                    if (prefix != null) {
                        byte[] data = message.blocks().get(i).data();
                        header(out, 3, payloadSize(prefix, data));
                        out.writeByteArray(1, prefix);
                        out.writeByteArray(2, data);
                    }
                }
                for (int i = 0; i < presenceCids.size(); i++) {
                    Presence p = message.presences().get(i);
                    header(out, 4, presenceSize(p, presenceCids.get(i)));
                    out.writeByteArray(1, presenceCids.get(i));
                    if (!p.have()) {
                        out.writeEnum(2, DONT_HAVE);
                    }
                }
                if (writesPendingBytes()) {
                    out.writeInt32(5, message.pendingBytes());
                }
                out.checkNoSpaceLeft();
            } catch (IOException e) {
                throw new IllegalStateException("message sized wrongly", e);
            }
        }

        private static void header(CodedOutputStream out, int field, int length) throws IOException {
            out.writeTag(field, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(length);
        }
    }

    /** Collects the fields of one message; repeated fields are bounded as they are read. */
    private static final class Decoder {
        final List<WantEntry> entries = new ArrayList<>();
        final List<WireBlock> blocks = new ArrayList<>();
        final List<Presence> presences = new ArrayList<>();
        boolean full;
        int pendingBytes;

        void message(CodedInputStream in) throws IOException {
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> nested(in, tag, this::wantlist);
                    case 2 -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                        bound(blocks.size() + 1, "blocks");
                        blocks.add(new WireBlock(null, in.readByteArray()));
                    }
                    case 3 -> nested(in, tag, this::payload);
                    case 4 -> nested(in, tag, this::presence);
                    case 5 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        pendingBytes = in.readInt32();
                    }
                    default -> skip(in, tag);
                }
            }
        }

        private void wantlist(CodedInputStream in) throws IOException {
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> nested(in, tag, this::entry);
                    case 2 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        full = in.readBool();
                    }
                    default -> skip(in, tag);
                }
            }
        }

        private void entry(CodedInputStream in) throws IOException {
            bound(entries.size() + 1, "want-list entries");
            Cid cid = null;
            int priority = 0;
            boolean cancel = false;
            WantType type = WantType.BLOCK;
            boolean sendDontHave = false;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> cid = cid(in, tag);
                    case 2 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        priority = in.readInt32();
                    }
                    case 3 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        cancel = in.readBool();
                    }
                    case 4 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        int value = in.readEnum();
                        if (value != 0 && value != 1) {
                            throw new MalformedMessageException("unknown want type " + value);
                        }
                        type = WantType.values()[value];
                    }
                    case 5 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        sendDontHave = in.readBool();
                    }
                    default -> skip(in, tag);
                }
            }
            if (cid == null) {
                throw new MalformedMessageException("want-list entry without a CID");
            }
            entries.add(new WantEntry(cid, priority, cancel, type, sendDontHave));
        }

        private void payload(CodedInputStream in) throws IOException {
            bound(blocks.size() + 1, "blocks");
            byte[] prefix = null;
            byte[] data = new byte[0];
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                        prefix = in.readByteArray();
                    }
                    case 2 -> {
                        expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                        data = in.readByteArray();
                    }
                    default -> skip(in, tag);
                }
            }
            if (prefix == null) {
                throw new MalformedMessageException("block payload without a CID prefix");
            }
            blocks.add(new WireBlock(CidPrefix.decode(prefix), data));
        }

        private void presence(CodedInputStream in) throws IOException {
            bound(presences.size() + 1, "block presences");
            Cid cid = null;
            boolean have = true;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (WireFormat.getTagFieldNumber(tag)) {
                    case 1 -> cid = cid(in, tag);
                    case 2 -> {
                        expect(tag, WireFormat.WIRETYPE_VARINT);
                        int value = in.readEnum();
                        if (value != 0 && value != DONT_HAVE) {
                            throw new MalformedMessageException("unknown block presence type " + value);
                        }
                        have = value == 0;
                    }
                    default -> skip(in, tag);
                }
            }
            if (cid == null) {
                throw new MalformedMessageException("block presence without a CID");
            }
            presences.add(new Presence(cid, have));
        }

        private static Cid cid(CodedInputStream in, int tag) throws IOException {
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            int length = in.readRawVarint32();
            if (length < 0 || length > MAX_CID_BYTES) {
                throw new MalformedMessageException("CID of " + length + " bytes");
            }
            try {
                return Cid.decode(in.readRawBytes(length));
            } catch (IllegalArgumentException e) {
                throw new MalformedMessageException("bad CID: " + e.getMessage());
            }
        }

        private static void nested(CodedInputStream in, int tag, Body body) throws IOException {
            expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            int length = in.readRawVarint32();
            if (length < 0) {
                throw new MalformedMessageException("negative length");
            }
            int limit = in.pushLimit(length);
            body.read(in);
            if (!in.isAtEnd()) {
                throw new MalformedMessageException("nested message ended early");
            }
            in.popLimit(limit);
        }

        private static void expect(int tag, int wireType) throws MalformedMessageException {
            if (WireFormat.getTagWireType(tag) != wireType) {
                throw new MalformedMessageException("field " + WireFormat.getTagFieldNumber(tag) + " has wire type "
                        + WireFormat.getTagWireType(tag));
            }
        }

        private static void skip(CodedInputStream in, int tag) throws IOException {
            if (!in.skipField(tag)) {
                throw new MalformedMessageException("unexpected end-group tag");
            }
        }

        private static void bound(int count, String what) throws MalformedMessageException {
            if (count > MAX_REPEATED) {
                throw new MalformedMessageException("more than " + MAX_REPEATED + " " + what + " in one message");
            }
        }
    }

    /** Reads the fields of a nested message up to its limit. */
    private interface Body {
        void read(CodedInputStream in) throws IOException;
    }
}
