package io.ipfskit.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import java.util.SortedSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The metatype definitions of configuration PIDs, found in whichever bundle designates them now. */
final class Definitions {

    private final BundleContext context;
    private final MetaTypeService metaType;

    Definitions(BundleContext context, MetaTypeService metaType) {
        this.context = context;
        this.metaType = metaType;
    }

    /** The definition of a PID (or factory PID), if a bundle designates one. */
    Optional<ObjectClassDefinition> find(String pid) {
        for (Bundle bundle : context.getBundles()) {
            MetaTypeInformation information = information(bundle);
            if (information != null && (contains(information.getPids(), pid) || contains(information.getFactoryPids(), pid))) {
                return Optional.ofNullable(information.getObjectClassDefinition(pid, null));
            }
        }
        return Optional.empty();
    }

    /** Every PID that a bundle with the symbolic-name prefix designates. */
    SortedSet<String> pids(String bundlePrefix) {
        SortedSet<String> pids = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() == null || !bundle.getSymbolicName().startsWith(bundlePrefix)) {
                continue;
            }
            MetaTypeInformation information = information(bundle);
            if (information != null) {
                pids.addAll(Arrays.asList(information.getPids()));
                pids.addAll(Arrays.asList(information.getFactoryPids()));
            }
        }
        return pids;
    }

    /** A bundle's metatype, or null when it has none or is going away while we look (bundles start and stop). */
    private MetaTypeInformation information(Bundle bundle) {
        try {
            return metaType.getMetaTypeInformation(bundle);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean contains(String[] pids, String pid) {
        return pids != null && Arrays.asList(pids).contains(pid);
    }
}
