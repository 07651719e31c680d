package io.ipfskit.discovery.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.node.RuntimeProperties;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/** Whether mDNS runs: the framework property (the test profile's false) over {@code enabled}; the report spacing. */
class MdnsSwitchTest {

    @Test
    void theTestProfilesFalseWinsOverTheConfiguredOn() {
        assertFalse(MdnsDiscovery.enabled(config(true), context(Map.of(RuntimeProperties.MDNS, "false"))));
        assertTrue(MdnsDiscovery.enabled(config(false), context(Map.of(RuntimeProperties.MDNS, "true"))));
    }

    @Test
    void withoutThePropertyTheConfigurationDecides() {
        assertTrue(MdnsDiscovery.enabled(config(true), context(Map.of())));
        assertFalse(MdnsDiscovery.enabled(config(false), context(Map.of(RuntimeProperties.MDNS, " "))));
    }

    @Test
    void aPeerIsReportedAgainAfterHalfTheInterval() {
        assertEquals(Duration.ofSeconds(5), MdnsDiscovery.reportSpacing(config(true)));
    }

    private static BundleContext context(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static MdnsConfig config(boolean enabled) {
        return new MdnsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MdnsConfig.class;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int intervalSeconds() {
                return 10;
            }

            @Override
            public String[] interfaces() {
                return new String[0];
            }
        };
    }
}
