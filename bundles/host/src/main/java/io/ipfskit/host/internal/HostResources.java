package io.ipfskit.host.internal;

/** The host's resource limits, usage and refusals, and the bytes its streams carried, for the commands of this bundle. */
public interface HostResources {

    /** The limits, what is held now and what was refused. */
    ResourceSnapshot resources();

    /** The bytes carried by streams, in all, by protocol and by peer. */
    Bandwidth bandwidth();
}
