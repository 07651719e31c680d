package io.ipfskit.itests.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** A consumer with a dynamic multiple reference (the id command) follows a protocol bundle as it stops and starts. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProtocolWhiteboardIT extends PlatformTestSupport {

    private static final String ECHO = "/ipfs-kit/echo/1.0.0";

    @Test
    public void idFollowsTheProtocolBundle() throws Exception {
        assertFalse("no echo before the plugin is installed", announcedProtocols().contains(ECHO));
        Bundle plugin = context.installBundle(Path.of(System.getProperty("ipfskit.itest.plugin")).toUri().toString());
        plugin.start();
        await("id lists the echo protocol", TIMEOUT, () -> announcedProtocols().contains(ECHO));

        plugin.stop();
        await("id no longer lists the echo protocol", TIMEOUT, () -> !announcedProtocols().contains(ECHO));
        assertEquals(Bundle.RESOLVED, plugin.getState());

        plugin.start();
        await("id lists the echo protocol again", TIMEOUT, () -> announcedProtocols().contains(ECHO));
        plugin.uninstall();
        await("id forgets the uninstalled protocol", TIMEOUT, () -> !announcedProtocols().contains(ECHO));
    }
}
