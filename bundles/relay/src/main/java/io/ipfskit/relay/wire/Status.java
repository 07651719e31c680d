package io.ipfskit.relay.wire;

/** The circuit relay v2 status codes (circuit.proto's Status). */
public enum Status {
    UNUSED(0), OK(100), RESERVATION_REFUSED(200), RESOURCE_LIMIT_EXCEEDED(201), PERMISSION_DENIED(202),
    CONNECTION_FAILED(203), NO_RESERVATION(204), MALFORMED_MESSAGE(400), UNEXPECTED_MESSAGE(401);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The status of a wire value; UNUSED for a value the spec does not name. */
    public static Status of(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNUSED;
    }
}
