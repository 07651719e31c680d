package io.ipfskit.api.node;

import java.util.function.Consumer;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * How a component that cannot do what the node was started for (its port is in use) tells the launcher, which then
 * stops the node with that one-line reason; the launcher registers a {@code Consumer<String>} under
 * {@link RuntimeProperties#FATAL_REPORTER_FILTER}, and without a launcher (tests, other runtimes) nothing is reported.
 */
public interface FatalReporter {

    /** Reports the reason to the launcher, if any, and returns the exception with which activation should fail. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static IllegalStateException report(BundleContext context, String reason) {
        try {
            for (ServiceReference<Consumer> ref : context.getServiceReferences(Consumer.class,
                    RuntimeProperties.FATAL_REPORTER_FILTER)) {
                Consumer<String> reporter = context.getService(ref);
                if (reporter != null) {
                    reporter.accept(reason);
                    context.ungetService(ref);
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new IllegalStateException(reason);
    }
}
