package io.ipfskit.log;

import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.log.LogService;
import org.osgi.service.log.LoggerFactory;

/**
 * Registers the Log Service and LoggerFactory, one {@link JulLogService} per using bundle. A plain activator rather
 * than a DS component, because SCR itself logs through it.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class LogBridge implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        context.registerService(new String[] {LogService.class.getName(), LoggerFactory.class.getName()},
                new ServiceFactory<Object>() {
                    @Override
                    public Object getService(Bundle bundle, ServiceRegistration<Object> registration) {
                        return new JulLogService(bundle);
                    }

                    @Override
                    public void ungetService(Bundle bundle, ServiceRegistration<Object> registration, Object service) {
                        // nothing held
                    }
                }, null);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }
}
