package io.ipfskit.itests.platform;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * Discovery on the full feature: the suites' framework runs the test profile (no bootstrap peers), and stopping one
 * strategy's bundle unsubscribes just that strategy from the discovery manager; starting it subscribes it again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DiscoveryIT extends FullNodeTestSupport {

    private static final List<String> ALL = List.of("bootstrap", "kad-dht", "mdns", "pubsub", "random-walk");

    @Test
    public void theTestProfileLeavesTheBootstrapListEmpty() throws Exception {
        await("the bootstrap bundle serves bootstrap/list", SETTLE, () -> call("bootstrap/list").ok());
        assertEquals(List.of(), texts(call("bootstrap/list").json().get("Peers")));
    }

    @Test
    public void stoppingAStrategysBundleStopsJustThatStrategy() throws Exception {
        awaitThat("every strategy is subscribed", SETTLE, () -> subscribed().equals(ALL));
        bundle("io.ipfskit.discovery.bootstrap").stop();
        awaitThat("only bootstrap left", SETTLE,
                () -> subscribed().equals(List.of("kad-dht", "mdns", "pubsub", "random-walk")));
        bundle("io.ipfskit.discovery.randomwalk").stop();
        awaitThat("only random-walk left too", SETTLE, () -> subscribed().equals(List.of("kad-dht", "mdns", "pubsub")));
        bundle("io.ipfskit.discovery.bootstrap").start();
        bundle("io.ipfskit.discovery.randomwalk").start();
        awaitThat("both are subscribed again", SETTLE, () -> subscribed().equals(ALL));
    }

    private List<String> subscribed() {
        return texts(call("discovery/stats").json().get("Subscribed"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(t -> texts.add(t.asText()));
        return texts;
    }
}
