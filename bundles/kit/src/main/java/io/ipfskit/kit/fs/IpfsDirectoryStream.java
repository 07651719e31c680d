package io.ipfskit.kit.fs;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/** The entries of one directory, filtered as iterated; one iterator per stream, and none after {@link #close}. */
final class IpfsDirectoryStream implements DirectoryStream<Path> {

    private final Iterator<Path> entries;
    private final Filter<? super Path> filter;
    private boolean iterated;
    private volatile boolean closed;

    IpfsDirectoryStream(List<Path> entries, Filter<? super Path> filter) {
        this.entries = entries.iterator();
        this.filter = filter;
    }

    @Override
    public synchronized Iterator<Path> iterator() {
        if (closed || iterated) {
            throw new IllegalStateException(closed ? "directory stream closed" : "iterator already obtained");
        }
        iterated = true;
        return new Iterator<>() {
            private Path next;

            @Override
            public boolean hasNext() {
                while (next == null && !closed && entries.hasNext()) {
                    Path candidate = entries.next();
                    try {
                        next = filter.accept(candidate) ? candidate : null;
                    } catch (IOException e) {
                        throw new DirectoryIteratorException(e);
                    }
                }
                return next != null;
            }

            @Override
            public Path next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Path result = next;
                next = null;
                return result;
            }
        };
    }

    @Override
    public void close() {
        closed = true;
    }
}
