package io.ipfskit.shell;

import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** Names of bundle and component states as an operator reads them. */
final class BundleStates {

    private BundleStates() {
    }

    /** A bundle state, e.g. {@code Active}. */
    static String name(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "Uninstalled";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            case Bundle.ACTIVE -> "Active";
            default -> "Unknown(" + state + ")";
        };
    }

    /** A component configuration state, e.g. {@code active}. */
    static String component(int state) {
        return switch (state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "no-config";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed";
            default -> "unknown(" + state + ")";
        };
    }
}
