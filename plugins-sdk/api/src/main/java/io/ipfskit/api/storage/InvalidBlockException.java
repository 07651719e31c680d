package io.ipfskit.api.storage;

/** A block whose bytes do not match its CID, or that cannot be stored as given; nothing was stored. */
public class InvalidBlockException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A rejected block with a one-line reason. */
    public InvalidBlockException(String message) {
        super(message);
    }
}
