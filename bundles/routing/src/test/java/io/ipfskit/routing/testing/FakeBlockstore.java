package io.ipfskit.routing.testing;

import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.InvalidBlockException;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A verifying in-memory blockstore that counts its reads, for tests of what reads it. */
public final class FakeBlockstore implements Blockstore {

    private final Map<Multihash, byte[]> blocks = new ConcurrentHashMap<>();
    /** get and has calls so far. */
    public final AtomicInteger reads = new AtomicInteger();

    /** A raw block's CID for these bytes. */
    public static Cid cid(byte[] data) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(data));
    }

    /** Bytes that differ per n. */
    public static byte[] block(int n) {
        return ("block " + n).getBytes(StandardCharsets.UTF_8);
    }

    /** Stores the bytes and returns their CID. */
    public Cid add(byte[] data) {
        Cid cid = cid(data);
        put(cid, data);
        return cid;
    }

    @Override
    public Optional<byte[]> get(Cid cid) {
        reads.incrementAndGet();
        return Optional.ofNullable(blocks.get(cid.multihash()));
    }

    @Override
    public boolean has(Cid cid) {
        reads.incrementAndGet();
        return blocks.containsKey(cid.multihash());
    }

    @Override
    public OptionalInt size(Cid cid) {
        byte[] data = blocks.get(cid.multihash());
        return data == null ? OptionalInt.empty() : OptionalInt.of(data.length);
    }

    @Override
    public void put(Cid cid, byte[] data) {
        if (!cid.verify(data)) {
            throw new InvalidBlockException("block does not match " + cid);
        }
        blocks.put(cid.multihash(), data);
    }

    @Override
    public boolean delete(Cid cid) {
        return blocks.remove(cid.multihash()) != null;
    }

    @Override
    public void forEach(Consumer<Multihash> action) {
        blocks.keySet().forEach(action);
    }
}
