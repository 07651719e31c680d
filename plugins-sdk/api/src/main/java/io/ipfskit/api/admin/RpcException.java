package io.ipfskit.api.admin;

/** A command's failure, answered as kubo does: {@code {"Message":..., "Code":..., "Type":"error"}}. */
public class RpcException extends Exception {

    private static final long serialVersionUID = 1L;

    /** go-ipfs-cmds error types: the {@code Code} field and the HTTP status follow from it. */
    public enum Kind {
        /** A failure of the command itself: HTTP 500. */
        NORMAL(0, 500),
        /** Bad input from the client: HTTP 400. */
        CLIENT(1, 400),
        /** A bug: HTTP 500. */
        IMPLEMENTATION(2, 500),
        /** The thing asked for does not exist: HTTP 404. */
        NOT_FOUND(3, 404),
        /** The node cannot go on: HTTP 500. */
        FATAL(4, 500);

        private final int code;
        private final int httpStatus;

        Kind(int code, int httpStatus) {
            this.code = code;
            this.httpStatus = httpStatus;
        }

        /** The {@code Code} field of the reply. */
        public int code() {
            return code;
        }

        /** The HTTP status of the reply. */
        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    /** A failure of the given kind with a one-line message. */
    public RpcException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A client error (HTTP 400). */
    public static RpcException client(String message) {
        return new RpcException(Kind.CLIENT, message);
    }

    /** A not-found error (HTTP 404). */
    public static RpcException notFound(String message) {
        return new RpcException(Kind.NOT_FOUND, message);
    }

    /** The kind of failure. */
    public Kind kind() {
        return kind;
    }
}
