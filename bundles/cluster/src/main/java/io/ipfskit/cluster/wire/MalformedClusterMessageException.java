package io.ipfskit.cluster.wire;

/** A cluster message that does not decode, breaks a bound, or fails its HMAC: it is dropped. */
public final class MalformedClusterMessageException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A message dropped for this reason. */
    public MalformedClusterMessageException(String reason) {
        super(reason);
    }
}
