package io.ipfskit.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.ObjectClassDefinition;

class ValidatingPluginTest {

    private static final String PID = "io.ipfskit.host";

    @Test
    void aRefusedUpdateIsDeliveredAsTheLastGoodProperties() throws Exception {
        ValidatingPlugin plugin = plugin();
        plugin.modifyConfiguration(null, properties(Map.of("lowWater", "30", "highWater", "90")));

        Hashtable<String, Object> bad = properties(Map.of("lowWater", "abc", "highWater", "95"));
        plugin.modifyConfiguration(null, bad);

        assertEquals(properties(Map.of("lowWater", "30", "highWater", "90")), bad, "the whole update is refused");
    }

    @Test
    void withNoGoodConfigurationYetARefusedKeyFallsBackToItsDefault() throws Exception {
        Hashtable<String, Object> bad = properties(Map.of("lowWater", "abc", "highWater", "95"));
        plugin().modifyConfiguration(null, bad);
        assertNull(bad.get("lowWater"));
        assertEquals("95", bad.get("highWater"));
    }

    @Test
    void goodValuesAndPidsWithoutADefinitionPassUnchanged() throws Exception {
        ValidatingPlugin plugin = plugin();
        Hashtable<String, Object> good = properties(Map.of("lowWater", "-1", "maxPeers", 500));
        plugin.modifyConfiguration(null, good);
        assertEquals(properties(Map.of("lowWater", "-1", "maxPeers", 500)), good);

        Hashtable<String, Object> other = new Hashtable<>(Map.of("service.pid", "org.example", "lowWater", "abc"));
        plugin.modifyConfiguration(null, other);
        assertEquals("abc", other.get("lowWater"));
    }

    private static ValidatingPlugin plugin() throws Exception {
        ObjectClassDefinition host = FelixMetaType.read("OSGI-INF/metatype/io.ipfskit.host.internal.HostConfig.xml");
        return new ValidatingPlugin(pid -> PID.equals(pid) ? Optional.of(host) : Optional.empty());
    }

    private static Hashtable<String, Object> properties(Map<String, Object> values) {
        Hashtable<String, Object> properties = new Hashtable<>(values);
        properties.put("service.pid", PID);
        return properties;
    }
}
