package io.ipfskit.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ipfs-kit bitswap ...}: the block exchange, as {@code ipfs bitswap} names its commands. */
@Command(name = "bitswap", mixinStandardHelpOptions = true, description = "Works with the block exchange (Bitswap).",
        subcommands = BitswapCommand.Reprovide.class)
final class BitswapCommand {

    @Mixin
    RepoOption repo;

    /** {@code bitswap reprovide}: announces every stored block now; prints nothing, as kubo. */
    @Command(name = "reprovide", mixinStandardHelpOptions = true,
            description = "Announces every block the node stores now, and waits until that is done.")
    static final class Reprovide implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RepoOption repo;

        @Override
        public Integer call() {
            Verbs.client(spec).call("bitswap/reprovide");
            return 0;
        }
    }
}
