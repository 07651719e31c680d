package io.ipfskit.routing.manager;

import static io.ipfskit.routing.manager.Managers.add;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ipfskit.api.storage.PinType;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.routing.concurrent.ManualTime;
import io.ipfskit.routing.testing.FakeBlockstore;
import io.ipfskit.routing.testing.FakePinning;
import io.ipfskit.routing.testing.LineDags;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Each reprovide strategy announces exactly its blocks, each once. The store holds two recursive pins sharing a block,
 * a direct pin, a block pinned directly that a recursive pin also reaches, and a block nobody pins.
 */
@Timeout(30)
class ReprovideStrategyTest {

    /** A codec no walker reads. */
    private static final long UNKNOWN_CODEC = 0x300001;

    private final ManualTime time = new ManualTime();
    private final FakeBlockstore store = new FakeBlockstore();
    private final FakePinning pins = new FakePinning();
    private final Cid leafA = store.add(FakeBlockstore.block(1));
    private final Cid leafB = store.add(FakeBlockstore.block(2));
    private final Cid shared = store.add(FakeBlockstore.block(3));
    private final Cid direct = store.add(FakeBlockstore.block(4));
    private final Cid unpinned = store.add(FakeBlockstore.block(5));
    private final Cid recursive1 = LineDags.node(store, leafA, shared);
    private final Cid recursive2 = LineDags.node(store, shared, leafB);

    ReprovideStrategyTest() {
        pins.pin(recursive1, PinType.RECURSIVE);
        pins.pin(recursive2, PinType.RECURSIVE);
        pins.pin(direct, PinType.DIRECT);
        pins.pin(leafA, PinType.DIRECT);
    }

    private record Run(List<Cid> announced, Map<String, Object> report) {
    }

    private Run reprovide(ReprovideStrategy strategy) throws Exception {
        ContentRoutingManager manager = Managers.manager(time, false, Runnable::run, 4, strategy);
        manager.setBlockstore(store);
        manager.setPinning(pins);
        manager.addWalker(LineDags.LINES);
        manager.addWalker(LineDags.RAW);
        FakeRouter dht = add(manager, new FakeRouter(), "dht", true);
        manager.reprovideNow().get();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) manager.report().get("reprovider");
        return new Run(new ArrayList<>(dht.announced), report);
    }

    @Test
    void allAnnouncesEveryStoredBlockOnce() throws Exception {
        Run run = reprovide(ReprovideStrategy.ALL);
        Set<Multihash> stored = new HashSet<>();
        store.forEach(stored::add);
        assertEquals(stored.size(), run.announced().size(), "each once: " + run.announced());
        assertEquals(stored, multihashes(run.announced()));
        assertEquals("all", run.report().get("strategy"));
        assertEquals("announced 7 blocks", run.report().get("last_result"));
    }

    @Test
    void pinnedAnnouncesEveryRootFirstThenWhatRecursivePinsReachEachOnce() throws Exception {
        Run run = reprovide(ReprovideStrategy.PINNED);
        assertEquals(List.of(recursive1, recursive2, direct, leafA, shared, leafB), run.announced(),
                "roots in pin order, then the rest of the recursive DAGs breadth first; shared and leafA once");
        assertFalse(run.announced().contains(unpinned));
        assertEquals("pinned", run.report().get("strategy"));
        assertEquals("announced 6 blocks", run.report().get("last_result"));
    }

    @Test
    void rootsAnnouncesOnlyThePinRoots() throws Exception {
        Run run = reprovide(ReprovideStrategy.ROOTS);
        assertEquals(List.of(recursive1, recursive2, direct, leafA), run.announced());
        assertEquals("roots", run.report().get("strategy"));
        assertEquals("announced 4 blocks", run.report().get("last_result"));
    }

    @Test
    void aBlockNoWalkerReadsIsAnnouncedButNotWalkedBelowAndTheRunSaysSo() throws Exception {
        Cid hidden = store.add(FakeBlockstore.block(6));
        Cid unknownRoot = LineDags.store(store, UNKNOWN_CODEC, hidden);
        Cid unknownInside = LineDags.store(store, UNKNOWN_CODEC, hidden, leafB);
        Cid parent = LineDags.node(store, unknownInside);
        Cid missing = FakeBlockstore.cid(FakeBlockstore.block(7));
        Cid partial = LineDags.node(store, missing);
        pins.pin(unknownRoot, PinType.RECURSIVE);
        pins.pin(parent, PinType.RECURSIVE);
        pins.pin(partial, PinType.RECURSIVE);

        Run run = reprovide(ReprovideStrategy.PINNED);
        assertEquals(List.of(recursive1, recursive2, direct, leafA, unknownRoot, parent, partial, shared, leafB,
                unknownInside), run.announced(), "what the walk could read, each once; not what only the unknown "
                + "codec's blocks link to, nor the missing block");
        assertEquals("announced 10 blocks; not walked below 2 blocks: " + unknownRoot
                + " (no link walker for codec 0x300001), " + unknownInside + " (no link walker for codec 0x300001)"
                + "; 1 block missing: " + missing, run.report().get("last_result"));
    }

    @Test
    void withoutPinsThePinStrategiesAreANoOpThatSaysSo() throws Exception {
        ContentRoutingManager manager = Managers.manager(time, false, Runnable::run, 4, ReprovideStrategy.ROOTS);
        manager.setBlockstore(store);
        FakeRouter dht = add(manager, new FakeRouter(), "dht", true);
        manager.reprovideNow().get();
        assertEquals(List.of(), dht.announced);
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) manager.report().get("reprovider");
        assertEquals("no-op: no pinning service (strategy roots)", report.get("last_result"));
    }

    @Test
    void theConfigurationOffersExactlyTheStrategiesAndRefusesOthers() throws Exception {
        List<String> offered = new ArrayList<>();
        try (InputStream xml = getClass().getResourceAsStream(
                "/OSGI-INF/metatype/io.ipfskit.routing.manager.RoutingConfig.xml")) {
            NodeList attributes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml)
                    .getElementsByTagName("AD");
            for (int i = 0; i < attributes.getLength(); i++) {
                Element attribute = (Element) attributes.item(i);
                if (attribute.getAttribute("id").equals("reprovideStrategy")) {
                    assertEquals("all", attribute.getAttribute("default"));
                    NodeList options = attribute.getElementsByTagName("Option");
                    for (int o = 0; o < options.getLength(); o++) {
                        offered.add(((Element) options.item(o)).getAttribute("value"));
                    }
                }
            }
        }
        assertEquals(List.of("all", "pinned", "roots"), offered, "the metatype's option list refuses other values");
        for (String value : offered) {
            assertEquals(value, ReprovideStrategy.of(value).value());
        }
        assertEquals("unknown reprovide strategy \"flat\", expected one of all, pinned, roots",
                assertThrows(IllegalArgumentException.class, () -> ReprovideStrategy.of("flat")).getMessage());
    }

    private static Set<Multihash> multihashes(List<Cid> cids) {
        Set<Multihash> out = new HashSet<>();
        cids.forEach(cid -> out.add(cid.multihash()));
        return out;
    }
}
