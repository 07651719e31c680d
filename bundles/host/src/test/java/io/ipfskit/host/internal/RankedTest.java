package io.ipfskit.host.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankedTest {

    @Test
    void highestRankingFirstThenArrivalOrder() {
        Ranked<String> ranked = new Ranked<>();
        ranked.add("mplex", Ranked.rankingOf(Map.of("service.ranking", -10)));
        ranked.add("yamux", Ranked.rankingOf(Map.of()));
        ranked.add("other", 0);
        ranked.add("preferred", 5);
        assertEquals(List.of("preferred", "yamux", "other", "mplex"), ranked.values());
        ranked.remove("yamux");
        assertEquals(List.of("preferred", "other", "mplex"), ranked.values());
    }

    @Test
    void aRankingThatIsNotAnIntegerCountsAsZero() {
        assertEquals(0, Ranked.rankingOf(Map.of("service.ranking", "7")));
    }
}
