package io.ipfskit.itests.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

/** A bundle dropped into deploy/ is installed and started; removing the file uninstalls it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DeployFolderIT extends PlatformTestSupport {

    private static final String PLUGIN = "io.ipfskit.plugin.echo";

    @Test
    public void droppedBundleActivatesAndRemovedBundleGoes() throws Exception {
        Path dropped = repo().resolve("deploy").resolve("echo-plugin.jar");
        Files.copy(Path.of(System.getProperty("ipfskit.itest.plugin")), dropped);
        await("the dropped plugin is active", TIMEOUT, () -> state(PLUGIN) == Bundle.ACTIVE);
        await("its protocol is served", TIMEOUT, () -> announcedProtocols().contains("/ipfs-kit/echo/1.0.0"));

        Files.delete(dropped);
        await("the removed plugin is uninstalled", TIMEOUT, () -> state(PLUGIN) == Bundle.UNINSTALLED);
        await("its protocol is gone", TIMEOUT, () -> !announcedProtocols().contains("/ipfs-kit/echo/1.0.0"));
    }

    @Test
    public void brokenJarInDeployLeavesTheNodeRunning() throws Exception {
        Path broken = repo().resolve("deploy").resolve("broken.jar");
        Files.writeString(broken, "this is not a jar");
        Path good = repo().resolve("deploy").resolve("echo-after-broken.jar");
        Files.copy(Path.of(System.getProperty("ipfskit.itest.plugin")), good);
        await("a good plugin still deploys beside a broken file", TIMEOUT, () -> state(PLUGIN) == Bundle.ACTIVE);
        await("the node still answers id", TIMEOUT, () -> announcedProtocols().contains("/ipfs-kit/echo/1.0.0"));
        Files.delete(good);
        Files.delete(broken);
        await("the plugin is uninstalled again", TIMEOUT, () -> state(PLUGIN) == Bundle.UNINSTALLED);
    }

    private int state(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .mapToInt(Bundle::getState).findFirst().orElse(Bundle.UNINSTALLED);
    }
}
