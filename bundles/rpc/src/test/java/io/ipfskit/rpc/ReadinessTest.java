package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.dto.BundleDTO;
import org.osgi.framework.dto.ServiceReferenceDTO;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.SatisfiedReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class ReadinessTest {

    @Test
    void readyWhenEveryComponentOfOursIsActiveOrSatisfied() {
        assertEquals(Optional.empty(), check(Map.of(
                description("io.ipfskit.node", "Node"), List.of(configuration(ComponentConfigurationDTO.ACTIVE)),
                description("io.ipfskit.shell", "Lazy"), List.of(configuration(ComponentConfigurationDTO.SATISFIED)))));
    }

    @Test
    void anUnsatisfiedReferenceIsNamedAndWaitedFor() {
        ComponentDescriptionDTO kit = description("io.ipfskit.kit", "io.ipfskit.kit.Kit");
        ReferenceDTO reference = new ReferenceDTO();
        reference.name = "blockstore";
        reference.interfaceName = "io.ipfskit.api.storage.Blockstore";
        kit.references = new ReferenceDTO[] {reference};
        ComponentConfigurationDTO waiting = configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE);
        UnsatisfiedReferenceDTO unsatisfied = new UnsatisfiedReferenceDTO();
        unsatisfied.name = "blockstore";
        unsatisfied.target = "(tier=none)";
        waiting.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {unsatisfied};

        Readiness.Problem problem = check(Map.of(kit, List.of(waiting))).orElseThrow();

        assertFalse(problem.fatal());
        assertEquals("component io.ipfskit.kit.Kit is waiting for io.ipfskit.api.storage.Blockstore (tier=none) (reference blockstore)",
                problem.reason());
    }

    @Test
    void aFailedActivationIsFatalAndNamesTheInnermostCause() {
        ComponentConfigurationDTO failed = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        failed.failure = "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\n"
                + "Caused by: java.lang.IllegalArgumentException: bad multiaddr /ip4/x\n\tat a.b(C.java:2)";
        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> components = new java.util.LinkedHashMap<>();
        components.put(description("io.ipfskit.kit", "Waiting"), List.of(configuration(ComponentConfigurationDTO.UNSATISFIED_REFERENCE)));
        components.put(description("io.ipfskit.host", "Host"), List.of(failed));

        Readiness.Problem problem = check(components).orElseThrow();

        assertTrue(problem.fatal(), "a failure wins over something to wait for");
        assertEquals("component Host failed to activate: IllegalArgumentException: bad multiaddr /ip4/x", problem.reason());
    }

    @Test
    void ofSeveralFailuresTheOneTheOthersDependOnIsNamed() {
        ComponentConfigurationDTO host = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        host.failure = "java.lang.IllegalArgumentException: unknown multiaddr protocol 'nonsense'";
        host.service = new ServiceReferenceDTO();
        host.service.id = 40;
        ComponentConfigurationDTO ping = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);
        ping.failure = "org.osgi.service.component.ComponentException: Unable to get service for reference $000";
        SatisfiedReferenceDTO toHost = new SatisfiedReferenceDTO();
        toHost.boundServices = new ServiceReferenceDTO[] {host.service};
        ping.satisfiedReferences = new SatisfiedReferenceDTO[] {toHost};
        Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> components = new java.util.LinkedHashMap<>();
        components.put(description("io.ipfskit.protocol.ping", "PingService"), List.of(ping));
        components.put(description("io.ipfskit.host", "DefaultHost"), List.of(host));

        Readiness.Problem problem = check(components).orElseThrow();

        assertEquals("component DefaultHost failed to activate: IllegalArgumentException: unknown multiaddr protocol "
                + "'nonsense'", problem.reason());
    }

    @Test
    void otherBundlesPluginsFactoriesDisabledAndConfigurationRequiringComponentsDoNotCount() {
        ComponentDescriptionDTO foreign = description("org.example", "Foreign");
        ComponentDescriptionDTO factory = description("io.ipfskit.a", "Factory");
        factory.factory = "f";
        ComponentDescriptionDTO requiring = description("io.ipfskit.b", "NeedsConfig");
        requiring.configurationPolicy = "require";
        ComponentDescriptionDTO disabled = description("io.ipfskit.c", "Off");
        ComponentDescriptionDTO deployed = description("io.ipfskit.plugin.echo", "Echo");
        deployed.bundle.id = 7;
        ComponentConfigurationDTO failed = configuration(ComponentConfigurationDTO.FAILED_ACTIVATION);

        Optional<Readiness.Problem> problem = Readiness.components(List.of(foreign, factory, requiring, disabled, deployed),
                d -> d == foreign || d == deployed ? List.of(failed) : List.of(), d -> d != disabled, id -> id == 7);

        assertEquals(Optional.empty(), problem);
    }

    @Test
    void anEnabledComponentWithoutConfigurationIsNotUpYet() {
        Readiness.Problem problem = check(Map.of(description("io.ipfskit.node", "Node"), List.of())).orElseThrow();
        assertFalse(problem.fatal());
        assertEquals("component Node is not enabled yet", problem.reason());
    }

    private static Optional<Readiness.Problem> check(Map<ComponentDescriptionDTO, List<ComponentConfigurationDTO>> components) {
        Collection<ComponentDescriptionDTO> descriptions = components.keySet();
        return Readiness.components(descriptions, components::get, d -> true, id -> false);
    }

    private static ComponentDescriptionDTO description(String bundle, String name) {
        ComponentDescriptionDTO description = new ComponentDescriptionDTO();
        description.name = name;
        description.bundle = new BundleDTO();
        description.bundle.symbolicName = bundle;
        description.configurationPolicy = "optional";
        description.references = new ReferenceDTO[0];
        return description;
    }

    private static ComponentConfigurationDTO configuration(int state) {
        ComponentConfigurationDTO configuration = new ComponentConfigurationDTO();
        configuration.state = state;
        configuration.unsatisfiedReferences = new UnsatisfiedReferenceDTO[0];
        return configuration;
    }
}
