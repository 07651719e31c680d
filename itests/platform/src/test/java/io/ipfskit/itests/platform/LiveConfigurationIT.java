package io.ipfskit.itests.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.ipfskit.api.node.Node;
import io.ipfskit.api.node.NodeRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** A configuration change, from etc/*.cfg or from ConfigAdmin, reconfigures the node without a restart. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LiveConfigurationIT extends PlatformTestSupport {

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private Node node;

    @Test
    public void roleFollowsTheCfgFileAndConfigAdminAndSurvivesABadValue() throws Exception {
        Path cfg = repo().resolve("etc").resolve("io.ipfskit.node.cfg");
        Files.writeString(cfg, "role = master\n");
        await("the role follows etc/io.ipfskit.node.cfg", TIMEOUT, () -> roleIs(NodeRole.MASTER));

        Configuration configuration = configAdmin.getConfiguration("io.ipfskit.node", "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        properties.put("role", "leecher");
        configuration.update(properties);
        await("the role follows ConfigAdmin", TIMEOUT, () -> roleIs(NodeRole.LEECHER));
        assertTrue("the cfg file stays as the operator wrote it (no write-back, as the runtime runs FileInstall)",
                fileSays(cfg, "master"));

        Files.writeString(cfg, "role = superhero\n");
        await("ConfigAdmin holds the bad value", TIMEOUT, () -> "superhero".equals(configured("role")));
        assertEquals("the node keeps its role", NodeRole.LEECHER, node.role());
        assertTrue("the Node service stays registered", registered(Node.class.getName(), null));

        Files.writeString(cfg, "role = master\n");
        await("a good value applies again", TIMEOUT, () -> roleIs(NodeRole.MASTER));
    }

    private static boolean fileSays(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private Object configured(String key) {
        try {
            Configuration[] found = configAdmin.listConfigurations("(service.pid=io.ipfskit.node)");
            return found == null ? null : found[0].getProperties().get(key);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private boolean roleIs(NodeRole role) {
        return node.role() == role;
    }
}
