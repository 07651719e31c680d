package io.ipfskit.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Exclusive use of a repo by one daemon ({@code <repo>/repo.lock}, as kubo names it), released when the process ends. */
final class RepoLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RepoLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates the repo (owner-only) and its folders if needed, then locks it; a clear error if that cannot be done. */
    static RepoLock acquire(Path repo) {
        try {
            if (!Files.exists(repo)) {
                Files.createDirectories(repo.getParent());
                Files.createDirectory(repo, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.isDirectory(repo) || !Files.isWritable(repo)) {
                throw new LauncherException("the repo " + repo + " is not a writable directory");
            }
            for (String folder : new String[] {"deploy", "etc"}) {
                Files.createDirectories(repo.resolve(folder));
            }
            FileChannel channel = FileChannel.open(repo.resolve("repo.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new LauncherException("the repo " + repo + " is locked: another ipfs-kit daemon is running on it");
            }
            return new RepoLock(channel, lock);
        } catch (IOException e) {
            throw new LauncherException("cannot open the repo " + repo + ": " + e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
