package io.ipfskit.node;

import io.ipfskit.multiformats.keys.PrivateKey;
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

/** Loads the node's private key from the repo, creating an Ed25519 key (owner-only, written atomically) on first use. */
final class IdentityStore {

    static final String FILE_NAME = "identity.key";

    private IdentityStore() {
    }

    /** The key in {@code repo/identity.key}; a fresh one is generated and stored if the file does not exist. */
    static PrivateKey loadOrCreate(Path repo) throws IOException {
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
