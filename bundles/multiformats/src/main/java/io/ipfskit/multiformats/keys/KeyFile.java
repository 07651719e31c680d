package io.ipfskit.multiformats.keys;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;

/**
 * A node's identity in its repo ({@code identity.key}, the libp2p protobuf of its private key), created as a fresh
 * Ed25519 key, owner-only and written atomically, on first use.
 */
public final class KeyFile {

    /** The file's name in the repo. */
    public static final String FILE_NAME = "identity.key";

    private KeyFile() {
    }

    /** The key in {@code repo/identity.key}; a fresh one is generated and stored if the file does not exist. */
    public static PrivateKey loadOrCreate(Path repo) throws IOException {
        Path file = repo.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read the node identity " + file + ": " + e.getMessage(), e);
        }
        try {
            return PrivateKey.unmarshal(bytes);
        } catch (IllegalArgumentException e) {
            throw new IOException("the node identity " + file + " is not a libp2p private key: " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] encoded = PrivateKey.generateEd25519().marshal();
        Path temp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(encoded));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
