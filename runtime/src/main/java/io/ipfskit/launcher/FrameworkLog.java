package io.ipfskit.launcher;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/** The Felix framework's log ({@code felix.log.logger}) into java.util.logging, logger {@code org.apache.felix.framework}. */
final class FrameworkLog extends org.apache.felix.framework.Logger {

    private static final Logger LOG = Logger.getLogger("org.apache.felix.framework");

    @Override
    protected void doLog(Bundle bundle, ServiceReference sr, int level, String message, Throwable thrown) {
        LOG.log(osgiLevel(level), bundle == null ? message : bundle.getSymbolicName() + ": " + message, thrown);
    }

    /** The resolver's messages (its wiring at debug) come without a bundle. */
    @Override
    protected void doLog(int level, String message, Throwable thrown) {
        LOG.log(osgiLevel(level), message, thrown);
    }

    /** The java.util.logging level of an OSGi log level (1 error, 2 warning, 3 info, 4 debug). */
    static Level osgiLevel(int level) {
        return switch (level) {
            case 1 -> Level.SEVERE;
            case 2 -> Level.WARNING;
            case 3 -> Level.INFO;
            default -> Level.FINE;
        };
    }
}
