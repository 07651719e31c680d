package io.ipfskit.storage.flatfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Group commit of directory syncs: concurrent callers join one round, whose first caller syncs every directory named in
 * it once while later callers gather in the next round; each caller returns only once a round that started after it
 * joined has synced its directory (or throws that round's failure). One journal commit then covers a round of renames
 * instead of one each.
 */
final class DirectorySyncs {

    private static final class Round {
        final Set<Path> directories = new LinkedHashSet<>();
        boolean done;
        IOException failure;
    }

    private final Disk disk;
    private Round collecting = new Round();
    private boolean syncing;

    DirectorySyncs(Disk disk) {
        this.disk = disk;
    }

    /** Returns once the directory's names are durable: synced by a round this call joined. */
    void sync(Path directory) throws IOException {
        Round mine = join(directory);
        if (mine != null) {
            lead(mine);
        }
    }

    /** Joins the collecting round; returns it when this caller is to sync it, null once another caller did. */
    private synchronized Round join(Path directory) throws IOException {
        Round mine = collecting;
        mine.directories.add(directory);
        boolean interrupted = false;
        try {
            while (!mine.done) {
                if (!syncing && collecting == mine) {
                    syncing = true;
                    collecting = new Round();
                    return mine;
                }
                try {
                    wait();
                } catch (InterruptedException e) {
                    // A round is bounded by the disk; the caller's file is renamed already and must not be
                    // acknowledged before it is synced, so the wait is finished and the interrupt kept.
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (mine.failure != null) {
            throw new IOException("syncing " + directory + " failed: " + mine.failure.getMessage(), mine.failure);
        }
        return null;
    }

    private void lead(Round mine) throws IOException {
        IOException failure = null;
        try {
            for (Path directory : mine.directories) {
                disk.syncDirectory(directory);
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            failure = new IOException(e);
        } finally {
            synchronized (this) {
                mine.failure = failure;
                mine.done = true;
                syncing = false;
                notifyAll();
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
