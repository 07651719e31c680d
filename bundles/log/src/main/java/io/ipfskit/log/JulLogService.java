package io.ipfskit.log;

import java.lang.reflect.Proxy;
import java.util.logging.Level;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogService;
import org.osgi.service.log.Logger;

/**
 * One bundle's Log Service: the old {@code log(level, ...)} calls go to the java.util.logging logger named after the
 * bundle; the Log 1.4 loggers to the logger of their name (see {@link JulLogger}), or, when the bundle asks for
 * another bundle's logger, to its own.
 */
@SuppressWarnings("deprecation")
final class JulLogService implements LogService {

    private final Bundle bundle;

    JulLogService(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public void log(int level, String message) {
        log(null, level, message, null);
    }

    @Override
    public void log(int level, String message, Throwable exception) {
        log(null, level, message, exception);
    }

    @Override
    public void log(ServiceReference<?> reference, int level, String message) {
        log(reference, level, message, null);
    }

    @Override
    public void log(ServiceReference<?> reference, int level, String message, Throwable exception) {
        java.util.logging.Logger.getLogger(name(bundle)).log(level(level), message, exception);
    }

    @Override
    public Logger getLogger(String name) {
        return getLogger(bundle, name, Logger.class);
    }

    @Override
    public Logger getLogger(Class<?> type) {
        return getLogger(bundle, type.getName(), Logger.class);
    }

    @Override
    public <L extends Logger> L getLogger(String name, Class<L> type) {
        return getLogger(bundle, name, type);
    }

    @Override
    public <L extends Logger> L getLogger(Class<?> owner, Class<L> type) {
        return getLogger(bundle, owner.getName(), type);
    }

    @Override
    public <L extends Logger> L getLogger(Bundle owner, String name, Class<L> type) {
        String logger = name == null || name.isBlank() || "ROOT".equals(name) ? name(owner) : name;
        if (owner != null && bundle != null && owner.getBundleId() != bundle.getBundleId()) {
            // A bundle logging for another (SCR for a component) logs under its own name, as what it reports
            // names the other already: --log-level org.apache.felix.scr=debug then shows all of SCR's log.
            logger = name(bundle);
        }
        return type.cast(Proxy.newProxyInstance(JulLogService.class.getClassLoader(), new Class<?>[] {type},
                new JulLogger(java.util.logging.Logger.getLogger(logger), type != Logger.class)));
    }

    private static String name(Bundle bundle) {
        return bundle == null || bundle.getSymbolicName() == null ? "org.osgi.service.log" : bundle.getSymbolicName();
    }

    /** The java.util.logging level of an OSGi Log Service level (1 error, 2 warning, 3 info, 4 debug). */
    static Level level(int level) {
        return switch (level) {
            case LOG_ERROR -> Level.SEVERE;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.FINE;
        };
    }
}
