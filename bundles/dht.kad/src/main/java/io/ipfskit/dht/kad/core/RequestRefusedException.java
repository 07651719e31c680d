package io.ipfskit.dht.kad.core;

/** A request this DHT will not serve (bad key, forged or invalid record, a peer over its share): its stream is reset. */
public final class RequestRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A refusal, with a one-line reason. */
    public RequestRefusedException(String message) {
        super(message);
    }
}
