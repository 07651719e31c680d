package io.ipfskit.dht.kad.records;

/** A value that may not be stored or returned under its key: malformed, badly signed, expired, or worse than ours. */
public final class InvalidRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An invalid record, with a one-line reason. */
    public InvalidRecordException(String message) {
        super(message);
    }
}
