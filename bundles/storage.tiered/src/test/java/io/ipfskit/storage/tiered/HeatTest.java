package io.ipfskit.storage.tiered;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeatTest {

    @Test
    void rateOverAgeHalvedPerRecencyHalfLife() {
        Heat heat = new Heat(0);
        assertEquals(0.0, heat.at(0));
        heat.access(1_000);
        heat.access(2_000);
        assertEquals(2.0, heat.at(2_000), 1e-9, "two reads in the first minute");
        assertEquals(1.0, heat.at(2_000 + Heat.RECENCY_HALF_LIFE_MS) * (2_000 + Heat.RECENCY_HALF_LIFE_MS) / 60_000.0,
                1e-9, "half the rate after one half-life idle");
        Heat old = new Heat(0);
        old.access(600_000);
        old.access(600_000);
        assertEquals(0.2, old.at(600_000), 1e-9, "the same two reads spread over ten minutes");
    }
}
