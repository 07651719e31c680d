package io.ipfskit.cluster.wire;

/** What a cluster message carries: a heartbeat, the master's pin state, or a worker's status report. */
public sealed interface ClusterMessage permits Heartbeat, PinState, StatusReport {
}
