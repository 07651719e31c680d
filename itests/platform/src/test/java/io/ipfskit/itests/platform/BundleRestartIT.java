package io.ipfskit.itests.platform;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Stopping and starting any one of our bundles leaves every bundle active and every component of ours active. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BundleRestartIT extends PlatformTestSupport {

    @Inject
    private ServiceComponentRuntime scr;

    @Test
    public void everyBundleOfOursCanBeRestarted() throws Exception {
        await("the node is healthy at start", TIMEOUT, this::healthy);
        List<Bundle> ours = Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.ipfskit.")).collect(Collectors.toList());
        assertTrue("the core feature has our bundles", ours.size() >= 5);
        for (Bundle bundle : ours) {
            bundle.stop();
            assertEquals(bundle.getSymbolicName() + " stopped", Bundle.RESOLVED, bundle.getState());
            bundle.start();
            await("the node is healthy after restarting " + bundle.getSymbolicName(), TIMEOUT, this::healthy);
        }
    }

    /** Every bundle active and every component of our bundles active or satisfied (lazy services). */
    private boolean healthy() {
        boolean bundlesActive = Arrays.stream(context.getBundles())
                .filter(b -> b.getHeaders().get("Fragment-Host") == null)
                .allMatch(b -> b.getState() == Bundle.ACTIVE);
        boolean componentsActive = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("io.ipfskit."))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .allMatch(c -> c.state == ComponentConfigurationDTO.ACTIVE || c.state == ComponentConfigurationDTO.SATISFIED);
        long ourComponents = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.bundle.symbolicName.startsWith("io.ipfskit."))
                .mapToLong(d -> scr.getComponentConfigurationDTOs(d).size()).sum();
        return bundlesActive && componentsActive && ourComponents >= 5;
    }
}
