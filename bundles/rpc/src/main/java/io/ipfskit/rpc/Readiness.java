package io.ipfskit.rpc;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.ReferenceDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Whether the DS components of our bundles are all up, from the component runtime's DTOs: every enabled component of
 * a bundle named {@code io.ipfskit.*} (but not of a plugin dropped into {@code deploy/}) is active or satisfied. A failed activation is fatal (the runtime does not retry
 * it on its own); an unsatisfied reference is something to wait for.
 */
final class Readiness {

    /** Prefix of our bundles' symbolic names. */
    static final String OURS = "io.ipfskit.";

    /**
     * How SCR words the failure of a component that could not get a service it was given (its provider failed): a
     * failure of that kind is never the root cause.
     */
    private static final Pattern DEPENDENT = Pattern.compile("Unable to get service for reference|Circular reference");

    /** Why the node is not ready; {@code fatal} when waiting cannot help. */
    record Problem(String reason, boolean fatal) {
    }

    private Readiness() {
    }

    /**
     * The first fatal problem, else the first one to wait for, else empty (every component is up). Of several failed
     * components the one named is a root cause, not one that failed only because it could not get another's service
     * (references can form cycles, so the bindings cannot tell which came first).
     */
    static Optional<Problem> components(Collection<ComponentDescriptionDTO> descriptions,
            Function<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> configurations,
            Predicate<ComponentDescriptionDTO> enabled, LongPredicate plugin) {
        Problem waiting = null;
        Map<ComponentConfigurationDTO, Problem> failed = new LinkedHashMap<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (!description.bundle.symbolicName.startsWith(OURS) || plugin.test(description.bundle.id)
                    || description.factory != null || !enabled.test(description)) {
                continue;
            }
            Collection<ComponentConfigurationDTO> found = configurations.apply(description);
            if (found.isEmpty() && !"require".equals(description.configurationPolicy)) {
                waiting = first(waiting, new Problem("component " + description.name + " is not enabled yet", false));
            }
            for (ComponentConfigurationDTO configuration : found) {
                Problem problem = problem(description, configuration);
                if (problem != null && problem.fatal()) {
                    failed.put(configuration, problem);
                } else {
                    waiting = first(waiting, problem);
                }
            }
        }
        Optional<Problem> toWaitFor = Optional.ofNullable(waiting);
        return root(failed).or(() -> toWaitFor);
    }

    /** A failure not caused by another: the failed component bound to no failed component's service, else the first. */
    private static Optional<Problem> root(Map<ComponentConfigurationDTO, Problem> failed) {
        List<Problem> roots = roots(failed);
        return roots.isEmpty() ? failed.values().stream().findFirst() : Optional.of(roots.get(0));
    }

    /** The failed components of ours that no other failure explains, for a log line each (runs after readiness too). */
    static List<Problem> failures(Collection<ComponentDescriptionDTO> descriptions,
            Function<ComponentDescriptionDTO, Collection<ComponentConfigurationDTO>> configurations) {
        Map<ComponentConfigurationDTO, Problem> failed = new LinkedHashMap<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (description.bundle.symbolicName.startsWith(OURS)) {
                for (ComponentConfigurationDTO configuration : configurations.apply(description)) {
                    Problem problem = problem(description, configuration);
                    if (problem != null && problem.fatal()) {
                        failed.put(configuration, problem);
                    }
                }
            }
        }
        return roots(failed);
    }

    private static List<Problem> roots(Map<ComponentConfigurationDTO, Problem> failed) {
        return failed.values().stream().filter(p -> !DEPENDENT.matcher(p.reason()).find()).toList();
    }

    private static Problem first(Problem current, Problem next) {
        return current != null ? current : next;
    }

    private static Problem problem(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> new Problem("component " + description.name
                    + " failed to activate: " + cause(configuration.failure), true);
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> new Problem("component " + description.name
                    + " is waiting for " + missing(description, configuration), false);
            default -> null;
        };
    }

    /** The unsatisfied references, as {@code interface [target] [(reference name)]} (bnd names constructor ones $000). */
    private static String missing(ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
        StringBuilder out = new StringBuilder();
        for (UnsatisfiedReferenceDTO reference : configuration.unsatisfiedReferences) {
            String type = Arrays.stream(description.references).filter(r -> r.name.equals(reference.name))
                    .map((ReferenceDTO r) -> r.interfaceName).findFirst().orElse("?");
            out.append(out.length() == 0 ? "" : ", ").append(type)
                    .append(reference.target == null ? "" : " " + reference.target)
                    .append(reference.name.startsWith("$") ? "" : " (reference " + reference.name + ")");
        }
        return out.toString();
    }

    /** The innermost cause of a failure's stack trace, on one line, e.g. {@code IllegalArgumentException: bad}. */
    static String cause(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        String cause = failure.lines().findFirst().orElse(failure);
        for (String line : failure.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                cause = line.substring("Caused by: ".length());
            }
        }
        int colon = cause.indexOf(':');
        String type = colon < 0 ? cause : cause.substring(0, colon);
        String simple = type.matches("[\\w.$]+") ? type.substring(type.lastIndexOf('.') + 1) : type;
        return simple + (colon < 0 ? "" : cause.substring(colon));
    }
}
