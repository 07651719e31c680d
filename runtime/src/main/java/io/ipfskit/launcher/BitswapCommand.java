package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipfskit.multiformats.Cid;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ipfs-kit bitswap ...}: the block exchange, as {@code ipfs bitswap} names its commands and prints them. */
@Command(name = "bitswap", mixinStandardHelpOptions = true, description = "Works with the block exchange (Bitswap).",
        subcommands = {BitswapCommand.Stat.class, BitswapCommand.Wantlist.class, BitswapCommand.Ledger.class,
            BitswapCommand.Reprovide.class})
final class BitswapCommand {

    @Mixin
    RepoOption repo;

    /** {@code bitswap stat [-v] [--human]}: counters, our want-list and the partner count, as kubo prints them. */
    @Command(name = "stat", mixinStandardHelpOptions = true,
            description = "Shows some diagnostic information on the bitswap agent.")
    static final class Stat extends ClientVerb {
        @Option(names = {"-v", "--verbose"}, description = "Prints extra information (the partners).")
        boolean verbose;

        @Option(names = "--human", description = "Prints sizes in human readable format (e.g., 1K 234M 2G).")
        boolean human;

        @Override
        public Integer call() {
            JsonNode stat = client().call("bitswap/stat");
            StringBuilder out = new StringBuilder("bitswap status\n");
            out.append("\tblocks received: ").append(stat.path("BlocksReceived").asLong()).append('\n');
            out.append("\tblocks sent: ").append(stat.path("BlocksSent").asLong()).append('\n');
            out.append("\tdata received: ").append(size(stat.path("DataReceived").asLong())).append('\n');
            out.append("\tdata sent: ").append(size(stat.path("DataSent").asLong())).append('\n');
            out.append("\tdup blocks received: ").append(stat.path("DupBlksReceived").asLong()).append('\n');
            out.append("\tdup data received: ").append(size(stat.path("DupDataReceived").asLong())).append('\n');
            JsonNode wants = stat.path("Wantlist");
            out.append("\twantlist [").append(wants.size()).append(" keys]\n");
            wants.forEach(want -> out.append("\t\t").append(want.path("/").asText()).append('\n'));
            JsonNode partners = stat.path("Peers");
            out.append("\tpartners [").append(partners.size()).append("]\n");
            if (verbose) {
                partners.forEach(peer -> out.append("\t\t").append(peer.asText()).append('\n'));
            }
            System.out.print(out);
            return 0;
        }

        private String size(long bytes) {
            return human ? siBytes(bytes) : Long.toString(bytes);
        }
    }

    /** {@code bitswap wantlist [-p PEER]}: the CIDs we want (or the peer wants from us), sorted by their bytes. */
    @Command(name = "wantlist", mixinStandardHelpOptions = true, description = "Shows blocks currently on the wantlist.")
    static final class Wantlist extends ClientVerb {
        @Option(names = {"-p", "--peer"}, paramLabel = "PEER",
                description = "Shows the wantlist of this peer (what it wants from us). Default: self.")
        String peer;

        @Override
        public Integer call() {
            JsonNode reply = client().call("bitswap/wantlist",
                    peer == null ? Map.of() : Map.of("peer", peer), List.of());
            List<Cid> keys = new ArrayList<>();
            reply.path("Keys").forEach(key -> keys.add(Cid.parse(key.path("/").asText())));
            keys.sort((a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes()));
            keys.forEach(System.out::println);
            return 0;
        }
    }

    /** {@code bitswap ledger PEER}: what we exchanged with the peer, as kubo prints a ledger. */
    @Command(name = "ledger", mixinStandardHelpOptions = true, description = "Shows the current ledger for a peer.")
    static final class Ledger extends ClientVerb {
        @Parameters(paramLabel = "PEER", description = "The peer id of the ledger to inspect.")
        String peer;

        @Override
        public Integer call() {
            JsonNode ledger = client().call("bitswap/ledger", peer);
            System.out.print(String.format(Locale.ROOT,
                    "Ledger for %s\nDebt ratio:\t%f\nExchanges:\t%d\nBytes sent:\t%d\nBytes received:\t%d\n\n",
                    ledger.path("Peer").asText(), ledger.path("Value").asDouble(), ledger.path("Exchanged").asLong(),
                    ledger.path("Sent").asLong(), ledger.path("Recv").asLong()));
            return 0;
        }
    }

    /** {@code bitswap reprovide}: announces every stored block now; prints nothing, as kubo. */
    @Command(name = "reprovide", mixinStandardHelpOptions = true,
            description = "Announces every block the node stores now, and waits until that is done.")
    static final class Reprovide extends ClientVerb {
        @Override
        public Integer call() {
            client().call("bitswap/reprovide");
            return 0;
        }
    }

    /** A size in SI units as kubo's {@code --human} prints it (go-humanize's Bytes): 9 B, 12 kB, 1.5 MB, 83 MB. */
    static String siBytes(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int exponent = (int) Math.floor(Math.log(bytes) / Math.log(1000));
        double value = Math.floor(bytes / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        // Go formats the double's exact value, ties to even (12.5 -> "12").
        BigDecimal shown = new BigDecimal(value).setScale(value < 10 ? 1 : 0, RoundingMode.HALF_EVEN);
        return shown.toPlainString() + " " + units[exponent];
    }
}
