package io.ipfskit.routing.manager;

import static io.ipfskit.routing.manager.Peers.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.routing.concurrent.ManualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderCacheTest {

    private final ManualTime time = new ManualTime();

    private static Multihash key(int n) {
        return Multihash.sha256(("block " + n).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void entriesExpireTheirTtlAfterTheyWereLastFound() {
        ProviderCache cache = new ProviderCache(time, 100, 10, Duration.ofMinutes(10));
        cache.add(key(1), info(1));
        time.advance(Duration.ofMinutes(6));
        cache.add(key(1), info(2));
        time.advance(Duration.ofMinutes(4).minusNanos(1));
        assertEquals(List.of(info(1), info(2)), cache.get(key(1)));
        time.advance(Duration.ofNanos(1));
        assertEquals(List.of(info(2)), cache.get(key(1)), "provider 1 expired, provider 2 was found later");
        cache.add(key(1), info(2));
        time.advance(Duration.ofMinutes(9));
        assertEquals(List.of(info(2)), cache.get(key(1)), "finding a provider again refreshes it");
        time.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), cache.get(key(1)));
        assertEquals(0, cache.size());
        assertEquals(0, cache.keys());
    }

    @Test
    void perContentTheLeastRecentlyFoundGoFirst() {
        ProviderCache cache = new ProviderCache(time, 100, 3, Duration.ofHours(1));
        for (int n = 1; n <= 4; n++) {
            cache.add(key(1), info(n));
        }
        assertEquals(List.of(info(2), info(3), info(4)), cache.get(key(1)));
        cache.add(key(1), info(2));
        cache.add(key(1), info(5));
        assertEquals(List.of(info(4), info(2), info(5)), cache.get(key(1)));
        assertEquals(3, cache.size());
    }

    @Test
    void overallTheLeastRecentlyUsedContentGoesFirst() {
        ProviderCache cache = new ProviderCache(time, 4, 2, Duration.ofHours(1));
        cache.add(key(1), info(1));
        cache.add(key(1), info(2));
        cache.add(key(2), info(3));
        cache.add(key(3), info(4));
        cache.get(key(1));
        cache.add(key(4), info(5));
        assertEquals(4, cache.size(), "never more entries than the bound");
        assertEquals(List.of(), cache.get(key(2)), "key 2 was used least recently");
        assertEquals(List.of(info(1), info(2)), cache.get(key(1)), "key 1 was looked up, so it stayed");
        cache.add(key(5), info(6));
        cache.add(key(5), info(7));
        assertEquals(4, cache.size());
        assertEquals(List.of(info(6), info(7)), cache.get(key(5)));
    }

    @Test
    void cidVersionsShareTheirProviders() {
        ProviderCache cache = new ProviderCache(time, 10, 10, Duration.ofHours(1));
        Cid v0 = Cid.v0(key(1));
        Cid v1 = Cid.v1(Multicodec.DAG_PB, key(1));
        cache.add(v0.multihash(), info(1));
        assertEquals(List.of(info(1)), cache.get(v1.multihash()));
    }

    @Test
    void boundsMustHoldOneContentsProviders() {
        assertThrows(IllegalArgumentException.class, () -> new ProviderCache(time, 2, 3, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new ProviderCache(time, 2, 1, Duration.ZERO));
    }
}
