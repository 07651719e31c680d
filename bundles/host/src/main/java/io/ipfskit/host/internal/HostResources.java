package io.ipfskit.host.internal;

/** The host's resource limits, usage and refusals, for the swarm commands of this bundle. */
public interface HostResources {

    /** The limits, what is held now and what was refused. */
    ResourceSnapshot resources();
}
