package io.ipfskit.gateway;

/** A request the gateway answers with an HTTP error status and a one-line message (plain text). */
final class GatewayException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    GatewayException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** The HTTP status code. */
    int status() {
        return status;
    }

    static GatewayException badRequest(String message) {
        return new GatewayException(400, message);
    }

    static GatewayException notFound(String message) {
        return new GatewayException(404, message);
    }

    static GatewayException notAcceptable(String message) {
        return new GatewayException(406, message);
    }
}
