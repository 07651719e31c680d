package io.ipfskit.codec.dagpb;

import io.ipfskit.codec.protobuf.ProtoReader;
import io.ipfskit.codec.protobuf.ProtoWriter;
import io.ipfskit.multiformats.Cid;
import java.util.ArrayList;
import java.util.List;

/**
 * The dag-pb codec as the IPLD spec defines it: PBNode encodes Links (field 2) before Data (field 1), PBLink
 * encodes Hash, Name, Tsize in that order; decoding rejects any other order, duplicates and unknown fields.
 */
public final class DagPb {

    /** Largest block accepted for decoding, as bitswap's limit (2 MiB). */
    public static final int MAX_BLOCK_SIZE = 2 * 1024 * 1024;

    private static final int DATA = 1;
    private static final int LINKS = 2;
    private static final int HASH = 1;
    private static final int NAME = 2;
    private static final int TSIZE = 3;

    private DagPb() {
    }

    /** Encodes a node in the spec's canonical field order. */
    public static byte[] encode(PbNode node) {
        ProtoWriter out = new ProtoWriter();
        for (PbLink link : node.links()) {
            ProtoWriter encoded = new ProtoWriter().bytes(HASH, link.hash().bytes());
            if (link.name() != null) {
                encoded.string(NAME, link.name());
            }
            if (link.tsize() >= 0) {
                encoded.uint64(TSIZE, link.tsize());
            }
            out.bytes(LINKS, encoded.toByteArray());
        }
        if (node.data() != null) {
            out.bytes(DATA, node.data());
        }
        return out.toByteArray();
    }

    /** Decodes a block strictly; throws {@link IllegalArgumentException} naming what is wrong. */
    public static PbNode decode(byte[] block) {
        return decode(block, true);
    }

    /**
     * The links of a block, checked as strictly as {@link #decode} checks them, without copying its Data (link walks:
     * pins and GC read every block of a DAG).
     */
    public static List<PbLink> links(byte[] block) {
        return decode(block, false).links();
    }

    private static PbNode decode(byte[] block, boolean withData) {
        if (block.length > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("dag-pb: block of " + block.length + " bytes exceeds " + MAX_BLOCK_SIZE);
        }
        ProtoReader in = new ProtoReader(block);
        List<PbLink> links = new ArrayList<>();
        byte[] data = null;
        boolean dataRead = false;
        while (in.hasMore()) {
            int key = in.key();
            if (dataRead) {
                throw new IllegalArgumentException("dag-pb: field after Data");
            }
            if (key == (LINKS << 3 | ProtoReader.LENGTH_DELIMITED)) {
                links.add(decodeLink(in.message()));
            } else if (key == (DATA << 3 | ProtoReader.LENGTH_DELIMITED)) {
                if (withData) {
                    data = in.bytes();
                } else {
                    in.message();
                }
                dataRead = true;
            } else {
                throw new IllegalArgumentException("dag-pb: unexpected PBNode field key " + key);
            }
        }
        return new PbNode(links, data);
    }

    private static PbLink decodeLink(ProtoReader in) {
        Cid hash = null;
        String name = null;
        long tsize = -1;
        int last = 0;
        while (in.hasMore()) {
            int key = in.key();
            int field = key >>> 3;
            if (field <= last) {
                throw new IllegalArgumentException("dag-pb: PBLink fields out of order or repeated");
            }
            last = field;
            if (key == (HASH << 3 | ProtoReader.LENGTH_DELIMITED)) {
                hash = Cid.decode(in.bytes());
            } else if (key == (NAME << 3 | ProtoReader.LENGTH_DELIMITED)) {
                name = in.string();
            } else if (key == (TSIZE << 3 | ProtoReader.VARINT)) {
                tsize = in.varint();
                if (tsize < 0) {
                    throw new IllegalArgumentException("dag-pb: Tsize exceeds 2^63-1");
                }
            } else {
                throw new IllegalArgumentException("dag-pb: unexpected PBLink field key " + key);
            }
        }
        if (hash == null) {
            throw new IllegalArgumentException("dag-pb: PBLink without Hash");
        }
        return new PbLink(hash, name, tsize);
    }
}
