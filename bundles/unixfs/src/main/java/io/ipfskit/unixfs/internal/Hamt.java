package io.ipfskit.unixfs.internal;

import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.UnixfsData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A HAMT-sharded directory as kubo builds it: fanout 256, murmur3-x64-64 of the entry name, one hash byte per level.
 * A slot holding one entry links it as {@code XX<name>} (XX the slot in upper-case hex); a slot holding several links
 * a child shard as {@code XX}. A shard's Data holds the bitfield of used slots (bit i at byte {@code 31 - i/8}, leading
 * zero bytes trimmed), hashType 0x22 and fanout 256.
 */
public final class Hamt {

    /** Slots per shard, as kubo's default shard width. */
    public static final int FANOUT = 256;
    /** Deepest shard level: one per byte of the 64-bit hash. */
    public static final int MAX_DEPTH = 8;

    private Hamt() {
    }

    /** Builds the shards of a directory of named entries and returns the root shard. */
    public static Imported build(Map<String, Imported> entries, Nodes nodes) throws IOException {
        List<Entry> hashed = new ArrayList<>(entries.size());
        entries.forEach((name, imported) -> hashed.add(new Entry(name, slotsOf(name), imported)));
        return shard(hashed, 0, nodes);
    }

    /** The hash bytes that pick a name's slot at each level. */
    public static byte[] slotsOf(String name) {
        return Murmur3.hash(name.getBytes(StandardCharsets.UTF_8));
    }

    /** The link name prefix of a slot. */
    public static String prefix(int slot) {
        return String.format("%02X", slot);
    }

    private static Imported shard(List<Entry> entries, int depth, Nodes nodes) throws IOException {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("HAMT: names collide in all 64 hash bits");
        }
        TreeMap<Integer, List<Entry>> slots = new TreeMap<>();
        for (Entry entry : entries) {
            slots.computeIfAbsent(entry.hash[depth] & 0xFF, s -> new ArrayList<>()).add(entry);
        }
        byte[] bitfield = new byte[FANOUT / 8];
        List<PbLink> links = new ArrayList<>(slots.size());
        for (Map.Entry<Integer, List<Entry>> slot : slots.entrySet()) {
            int index = slot.getKey();
            bitfield[bitfield.length - 1 - index / 8] |= (byte) (1 << (index % 8));
            List<Entry> group = slot.getValue();
            if (group.size() == 1) {
                Entry only = group.get(0);
                links.add(new PbLink(only.imported.cid(), prefix(index) + only.name, only.imported.tsize()));
            } else {
                Imported child = shard(group, depth + 1, nodes);
                links.add(new PbLink(child.cid(), prefix(index), child.tsize()));
            }
        }
        int used = 0;
        while (used < bitfield.length && bitfield[used] == 0) {
            used++;
        }
        UnixfsData data = new UnixfsData(UnixfsData.Type.HAMT_SHARD, Arrays.copyOfRange(bitfield, used, bitfield.length),
                -1, List.of(), Murmur3.MURMUR3_X64_64, FANOUT);
        return nodes.node(links, data);
    }

    private record Entry(String name, byte[] hash, Imported imported) {
    }
}
