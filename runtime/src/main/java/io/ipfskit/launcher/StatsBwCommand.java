package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ipfs-kit stats bw [--peer ID | --proto PROTOCOL] [--poll [--interval 1s]]}: bytes carried, as kubo prints them. */
@Command(name = "bw", mixinStandardHelpOptions = true,
        description = "Shows the bytes the node's streams carried and their rates, in all, with a peer or over a protocol.")
final class StatsBwCommand extends ClientVerb {

    @Option(names = {"-p", "--peer"}, paramLabel = "ID", description = "Only the traffic with this peer.")
    String peer;

    @Option(names = {"-t", "--proto"}, paramLabel = "PROTOCOL", description = "Only the traffic of this protocol.")
    String protocol;

    @Option(names = "--poll", description = "Prints the figures again every interval until interrupted.")
    boolean poll;

    @Option(names = {"-i", "--interval"}, paramLabel = "DURATION", defaultValue = "1s",
            description = "Time between two reports with --poll (default ${DEFAULT-VALUE}).")
    String interval;

    @Override
    public Integer call() {
        Map<String, String> options = new LinkedHashMap<>();
        if (peer != null) {
            options.put("peer", peer);
        }
        if (protocol != null) {
            options.put("proto", protocol);
        }
        if (poll) {
            options.put("poll", "true");
            options.put("interval", interval);
        }
        client().stream("stats/bw", options, StatsBwCommand::print);
        return 0;
    }

    private static void print(JsonNode report) {
        System.out.println("Bandwidth");
        System.out.println("TotalIn: " + bytes(report.path("TotalIn").asDouble()));
        System.out.println("TotalOut: " + bytes(report.path("TotalOut").asDouble()));
        System.out.println("RateIn: " + bytes(report.path("RateIn").asDouble()) + "/s");
        System.out.println("RateOut: " + bytes(report.path("RateOut").asDouble()) + "/s");
    }

    /** go-humanize's Bytes, which kubo prints: SI units, one decimal below 10 ("7.1 MB", "42 kB", "3 B"). */
    static String bytes(double value) {
        long size = (long) value;
        if (size < 10) {
            return size + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int exponent = (int) Math.floor(Math.log(size) / Math.log(1000));
        double scaled = Math.floor(size / Math.pow(1000, exponent) * 10 + 0.5) / 10;
        return String.format(java.util.Locale.ROOT, scaled < 10 ? "%.1f %s" : "%.0f %s", scaled, units[exponent]);
    }
}
