package io.ipfskit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.ObjectClassDefinition;

class ConfigCheckTest {

    private static final String HOST = "OSGI-INF/metatype/io.ipfskit.host.internal.HostConfig.xml";
    private static final String NODE = "OSGI-INF/metatype/io.ipfskit.node.NodeConfig.xml";

    @Test
    void aWrongTypeIsRefusedWithPidKeyValueAndExpectedType() throws Exception {
        List<Refusal> refusals = check(HOST, Map.of("lowWater", "abc", "service.pid", "io.ipfskit.host"));
        assertEquals(1, refusals.size());
        Refusal refusal = refusals.get(0);
        assertEquals("lowWater", refusal.key());
        assertEquals("abc", refusal.value());
        String line = refusal.line();
        assertTrue(line.startsWith("configuration io.ipfskit.host: lowWater = abc refused (invalid value); expected Integer"),
                line);
    }

    @Test
    void valuesOutsideTheRangeAreRefusedAndThoseInsideAllowed() throws Exception {
        assertEquals("greater than maximum", check(HOST, Map.of("dialTimeoutSeconds", "601")).get(0).reason());
        assertEquals("less than minimum", check(HOST, Map.of("lowWater", -2)).get(0).reason());
        assertEquals(List.of(), check(HOST, Map.of("lowWater", "-1", "highWater", 400, "dialTimeoutSeconds", "600")));
    }

    @Test
    void optionsAreEnforcedAndNamedInTheExpectation() throws Exception {
        List<Refusal> refusals = check(NODE, Map.of("role", "superhero"));
        assertEquals("not a valid option", refusals.get(0).reason());
        assertTrue(refusals.get(0).expected().contains("one of master, worker, leecher"), refusals.get(0).expected());
        assertEquals(List.of(), check(NODE, Map.of("role", "leecher")));
    }

    @Test
    void everyElementOfAListIsCheckedAndUnknownKeysAreLeftAlone() throws Exception {
        assertEquals(List.of(), check(HOST, Map.of("listen", new String[] {"/ip4/127.0.0.1/tcp/0"},
                "felix.fileinstall.filename", "file:/etc/x.cfg")));
        assertEquals("invalid value", check(HOST, Map.of("maxPeers", List.of("100", "many"))).get(0).reason());
    }

    private static List<Refusal> check(String resource, Map<String, Object> values) throws Exception {
        ObjectClassDefinition definition = FelixMetaType.read(resource);
        return ConfigCheck.refusals(resource.contains("node") ? "io.ipfskit.node" : "io.ipfskit.host", definition,
                new Hashtable<>(values));
    }
}
