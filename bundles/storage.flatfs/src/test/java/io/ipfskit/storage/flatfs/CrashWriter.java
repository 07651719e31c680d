package io.ipfskit.storage.flatfs;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Child process of {@link FlatFsCrashTest}: puts 256 KiB blocks forever, printing each CID once its put returned. */
public final class CrashWriter {

    private CrashWriter() {
    }

    /** Writes into the flatfs at {@code args[0]} until killed. */
    public static void main(String[] args) throws IOException {
        FlatFs store = FlatFs.open(Path.of(args[0]), Long.MAX_VALUE);
        SplittableRandom random = new SplittableRandom();
        byte[] block = new byte[262144];
        while (true) {
            random.nextBytes(block);
            Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(block));
            store.put(cid, block);
            System.out.println(cid);
            System.out.flush();
        }
    }
}
