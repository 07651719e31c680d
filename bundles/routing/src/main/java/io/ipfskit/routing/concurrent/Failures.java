package io.ipfskit.routing.concurrent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** What went wrong inside a future's failure. */
public final class Failures {

    private Failures() {
    }

    /** The failure without its CompletionException and ExecutionException wrappers. */
    public static Throwable cause(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
