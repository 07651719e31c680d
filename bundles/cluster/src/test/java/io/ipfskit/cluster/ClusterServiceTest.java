package io.ipfskit.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.pubsub.PubSub;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The component without a cluster configured: idle, no topic joined. */
class ClusterServiceTest {

    @Test
    void withoutAClusterTheServiceJoinsNoTopicAndSaysSo() throws Exception {
        List<String> used = new ArrayList<>();
        PubSub pubsub = (PubSub) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {PubSub.class}, (proxy, method, args) -> {
                    used.add(method.getName() + " " + Arrays.toString(args));
                    throw new AssertionError("an idle cluster uses no pubsub: " + method.getName());
                });
        ClusterService idle = new ClusterService(pubsub, null, null, null, ClusterSettingsTest.config("", ""));
        assertTrue(idle.name().isEmpty());
        assertTrue(assertThrows(IllegalStateException.class, idle::members).getMessage().contains("in no cluster"));
        idle.deactivate();
        assertEquals(List.of(), used);
    }
}
