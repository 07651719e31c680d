package io.ipfskit.routing.testing;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.testing.MemoryBlockstore;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A verifying in-memory blockstore that counts its reads, for tests of what reads it. */
public final class FakeBlockstore extends MemoryBlockstore {

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
        return super.get(cid);
    }

    @Override
    public boolean has(Cid cid) {
        reads.incrementAndGet();
        return super.has(cid);
    }
}
