package io.ipfskit.launcher;

import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.KeyFile;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ipfs-kit init [--profile NAME]}: creates the repo and the node's identity as {@code ipfs init} does, and
 * writes the profile's settings into {@code etc/} so that they last, as kubo's {@code init --profile}.
 */
@Command(name = "init", mixinStandardHelpOptions = true, description = "Creates a repo and the node's identity.")
final class InitCommand implements Callable<Integer> {

    @ParentCommand
    Main parent;

    @Mixin
    RepoOption repo;

    @Option(names = "--profile", paramLabel = "NAME", description = "test or default (default: $IPFSKIT_PROFILE, else "
            + "default); its settings are written to etc/*.cfg.")
    String profile;

    @Override
    public Integer call() {
        Path path = RepoOption.resolve(repo, parent.repo);
        Profile chosen = Profile.choose(profile, System.getenv());
        try (RepoLock lock = RepoLock.acquire(path)) {
            if (Files.exists(path.resolve(KeyFile.FILE_NAME))) {
                throw new LauncherException("the repo " + path + " is already initialized (" + KeyFile.FILE_NAME
                        + " exists); reinitializing would replace the node's identity");
            }
            System.out.print("generating ED25519 keypair...");
            System.out.flush();
            PrivateKey key = KeyFile.loadOrCreate(path);
            System.out.println("done");
            System.out.println("peer identity: " + PeerId.fromPublicKey(key.publicKey()));
            chosen.persist(path.resolve("etc"));
            System.out.println("initializing IPFS node at " + path);
        } catch (IOException e) {
            throw new LauncherException("cannot initialize " + path + ": " + e.getMessage());
        }
        return 0;
    }
}
