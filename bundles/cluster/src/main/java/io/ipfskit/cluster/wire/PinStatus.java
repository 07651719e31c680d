package io.ipfskit.cluster.wire;

import io.ipfskit.multiformats.Cid;
import java.util.Objects;

/** Where one placement stands on a worker, since when (Unix milliseconds), and the error when it failed (else empty). */
public record PinStatus(Cid cid, Status status, String error, long timestampMs) {

    /** Checks the fields. */
    public PinStatus {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(status, "status");
        error = error == null ? "" : error;
    }

    /** A placement's state, as ipfs-cluster's tracker names them. */
    public enum Status {
        /** Placed, not started. */
        QUEUED,
        /** Being fetched and pinned. */
        PINNING,
        /** Pinned recursively. */
        PINNED,
        /** The fetch or the pin failed. */
        ERROR;

        /** The lower-case name of the RPC's {@code status} field. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
