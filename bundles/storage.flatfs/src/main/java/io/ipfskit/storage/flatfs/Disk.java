package io.ipfskit.storage.flatfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Path;

/**
 * The file operations {@link FlatFs} is built from, with durability explicit: what is written, created, renamed or
 * deleted may be lost on power failure until {@link #syncFile} (for a file's bytes) or {@link #syncDirectory} (for the
 * names in a directory) has returned.
 */
interface Disk {

    /** Whether a directory is at the path. */
    boolean isDirectory(Path path);

    /** Whether anything is at the path. */
    boolean exists(Path path);

    /** Creates a directory whose parent exists; an existing directory is fine, anything else there fails. */
    void createDirectory(Path directory) throws IOException;

    /** Creates a new file holding the data; fails if the path is taken. */
    void write(Path file, byte[] data) throws IOException;

    /** Makes the file's bytes durable (fsync). */
    void syncFile(Path file) throws IOException;

    /** Atomically gives {@code from} the name {@code to}, replacing what was there. */
    void rename(Path from, Path to) throws IOException;

    /** Makes the names in the directory (created, renamed, deleted) durable (fsync of the directory). */
    void syncDirectory(Path directory) throws IOException;

    /** The file's bytes; {@link java.nio.file.NoSuchFileException} if it is absent. */
    byte[] read(Path file) throws IOException;

    /** The file's size; {@link java.nio.file.NoSuchFileException} if it is absent. */
    long size(Path file) throws IOException;

    /** Deletes the file; false if it was absent. */
    boolean delete(Path file) throws IOException;

    /** The entries of a directory. */
    DirectoryStream<Path> list(Path directory) throws IOException;
}
