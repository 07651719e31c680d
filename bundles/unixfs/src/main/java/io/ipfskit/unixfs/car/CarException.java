package io.ipfskit.unixfs.car;

import java.io.IOException;

/** A CAR that is truncated, malformed, or holds a block that does not match its CID. */
public class CarException extends IOException {

    private static final long serialVersionUID = 1L;

    /** A CAR failure with a one-line reason. */
    public CarException(String message) {
        super(message);
    }
}
