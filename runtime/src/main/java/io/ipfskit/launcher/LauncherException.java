package io.ipfskit.launcher;

/** A failure the user can act on, printed as one line {@code Error: <message>}. */
final class LauncherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }
}
