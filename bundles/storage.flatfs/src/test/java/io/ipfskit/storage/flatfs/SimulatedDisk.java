package io.ipfskit.storage.flatfs;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@link Disk} in memory that keeps apart what a power loss would keep and what it would lose, as POSIX promises no
 * more: a file's bytes survive once the file was synced (until then a power loss leaves it empty), a name (created,
 * renamed, deleted) once its directory was synced. It records every change and sync, can fail one with an I/O error,
 * kill the writing process just before one (everything after fails too, as nothing runs any more), and lose power.
 * Its operations are serialized, so concurrent puts can use it.
 */
final class SimulatedDisk implements Disk {

    /** A change or sync, in the order issued; {@code to} is set for renames only. */
    record Op(String kind, Path path, Path to) {

        Op(String kind, Path path) {
            this(kind, path, null);
        }
    }

    /** What the writing process sees when it was killed. */
    static final class Killed extends IOException {

        private static final long serialVersionUID = 1L;

        Killed() {
            super("the process was killed");
        }
    }

    private static final class Node {
        final boolean directory;
        byte[] data = new byte[0];
        byte[] synced = new byte[0];

        Node(boolean directory) {
            this.directory = directory;
        }
    }

    /** The names as the running system sees them (page cache included). */
    private final Map<Path, Node> live = new HashMap<>();
    /** The names as a power loss would leave them. */
    private final Map<Path, Node> durable = new HashMap<>();
    private final List<Op> ops = new ArrayList<>();
    private Predicate<Op> killBefore = op -> false;
    private Predicate<Op> failBefore = op -> false;
    private boolean killed;

    /** A disk holding these directories, durably (their parents are implied). */
    SimulatedDisk(Path... directories) {
        for (Path directory : directories) {
            for (Path p = directory; p.getParent() != null; p = p.getParent()) {
                Node node = new Node(true);
                live.putIfAbsent(p, node);
                durable.putIfAbsent(p, live.get(p));
            }
        }
    }

    /** The changes and syncs issued so far. */
    synchronized List<Op> ops() {
        return List.copyOf(ops);
    }

    /** Kills the writing process just before the n-th change or sync from now (0 = the next one). */
    synchronized void killBeforeStep(int n) {
        int step = ops.size() + n;
        killBefore = op -> ops.size() == step;
    }

    /** Kills the writing process just before the next change or sync of this kind. */
    synchronized void killBefore(String kind) {
        killBefore = op -> op.kind().equals(kind);
    }

    /** The n-th change or sync from now fails with an I/O error (as on a full or failing disk); nothing dies. */
    synchronized void failStep(int n) {
        int step = ops.size() + n;
        failBefore = op -> ops.size() == step;
    }

    /** The process starts again with the page cache intact (a crash without power loss). */
    synchronized void restart() {
        killed = false;
        killBefore = op -> false;
    }

    /** Power fails and comes back: only synced names and synced bytes remain; the process starts again. */
    synchronized void losePower() {
        live.clear();
        durable.keySet().stream().sorted(Comparator.comparingInt(Path::getNameCount)).forEach(path -> {
            if (path.getParent().getParent() == null || isDirectory(path.getParent())) {
                live.put(path, durable.get(path));
            }
        });
        durable.keySet().retainAll(live.keySet());
        for (Node node : live.values()) {
            node.data = node.synced.clone();
        }
        restart();
    }

    /**
     * Power fails after the file system wrote every name back on its own (as it may at any time) but no unsynced
     * bytes: a name that was never synced may survive with its file empty.
     */
    synchronized void losePowerAfterNameWriteback() {
        durable.clear();
        durable.putAll(live);
        losePower();
    }

    private void issue(Op op) throws IOException {
        alive();
        if (killBefore.test(op)) {
            killed = true;
            throw new Killed();
        }
        if (failBefore.test(op)) {
            failBefore = next -> false;
            throw new IOException("simulated I/O error before " + op);
        }
        ops.add(op);
    }

    private void alive() throws Killed {
        if (killed) {
            throw new Killed();
        }
    }

    private Node file(Path path) throws IOException {
        alive();
        Node node = live.get(path);
        if (node == null) {
            throw new NoSuchFileException(path.toString());
        }
        if (node.directory) {
            throw new IOException(path + " is a directory");
        }
        return node;
    }

    private void requireParent(Path path) throws IOException {
        if (!isDirectory(path.getParent())) {
            throw new NoSuchFileException(path.getParent().toString());
        }
    }

    @Override
    public synchronized boolean isDirectory(Path path) {
        Node node = live.get(path);
        return path.getParent() == null || node != null && node.directory;
    }

    @Override
    public synchronized boolean exists(Path path) {
        return live.containsKey(path);
    }

    @Override
    public synchronized void createDirectory(Path directory) throws IOException {
        if (isDirectory(directory)) {
            return;
        }
        issue(new Op("createDirectory", directory));
        requireParent(directory);
        if (live.containsKey(directory)) {
            throw new FileAlreadyExistsException(directory.toString());
        }
        live.put(directory, new Node(true));
    }

    @Override
    public synchronized void write(Path file, byte[] data) throws IOException {
        issue(new Op("write", file));
        requireParent(file);
        if (live.containsKey(file)) {
            throw new FileAlreadyExistsException(file.toString());
        }
        Node node = new Node(false);
        node.data = data.clone();
        live.put(file, node);
    }

    @Override
    public synchronized void syncFile(Path file) throws IOException {
        issue(new Op("syncFile", file));
        Node node = file(file);
        node.synced = node.data.clone();
    }

    @Override
    public synchronized void rename(Path from, Path to) throws IOException {
        issue(new Op("rename", from, to));
        Node node = file(from);
        requireParent(to);
        live.remove(from);
        live.put(to, node);
    }

    @Override
    public synchronized void syncDirectory(Path directory) throws IOException {
        issue(new Op("syncDirectory", directory));
        if (!isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        durable.keySet().removeIf(path -> directory.equals(path.getParent()));
        live.forEach((path, node) -> {
            if (directory.equals(path.getParent())) {
                durable.put(path, node);
            }
        });
    }

    @Override
    public synchronized byte[] read(Path file) throws IOException {
        return file(file).data.clone();
    }

    @Override
    public synchronized long size(Path file) throws IOException {
        return file(file).data.length;
    }

    @Override
    public synchronized boolean delete(Path path) throws IOException {
        alive();
        if (!live.containsKey(path)) {
            return false;
        }
        issue(new Op("delete", path));
        if (live.keySet().stream().anyMatch(p -> path.equals(p.getParent()))) {
            throw new DirectoryNotEmptyException(path.toString());
        }
        live.remove(path);
        return true;
    }

    @Override
    public synchronized DirectoryStream<Path> list(Path directory) throws IOException {
        alive();
        if (!isDirectory(directory)) {
            throw new NotDirectoryException(directory.toString());
        }
        List<Path> entries = live.keySet().stream().filter(p -> directory.equals(p.getParent())).sorted().toList();
        return new DirectoryStream<>() {
            @Override
            public Iterator<Path> iterator() {
                return entries.iterator();
            }

            @Override
            public void close() {
            }
        };
    }
}
