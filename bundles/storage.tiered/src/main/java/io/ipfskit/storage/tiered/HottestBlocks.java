package io.ipfskit.storage.tiered;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The heat of the {@value #MAX} hottest blocks, hottest first, as a JDK-typed service ({@code Supplier<Map<String,
 * Double>>} under {@code ipfskit.heat=hottest}) for the cluster's heartbeats: each block named by a CIDv1 with the raw
 * codec (the heat table knows multihashes only; a raw CID fetches the same block).
 */
@Component(service = Supplier.class, property = "ipfskit.heat=hottest")
public final class HottestBlocks implements Supplier<Map<String, Double>> {

    /** Blocks reported at most. */
    static final int MAX = 32;

    private final TieredBlockstore blockstore;

    /** Over the tiered blockstore's heat table. */
    @Activate
    public HottestBlocks(@Reference TieredBlockstore blockstore) {
        this.blockstore = blockstore;
    }

    @Override
    public Map<String, Double> get() {
        Map<String, Double> hottest = new LinkedHashMap<>();
        blockstore.hottest(MAX).forEach((key, heat) -> hottest.put(Cid.v1(Multicodec.RAW, key).toString(), heat));
        return hottest;
    }
}
