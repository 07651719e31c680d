package io.ipfskit.itests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces made for a test and joined by a veth pair, so multicast (mDNS) never touches the machine's own
 * interfaces: each has {@code lo} up, its veth end up with IPv4 only ({@code 10.<net>.0.1/24} and {@code 10.<net>.0.2/24})
 * and the multicast route {@code 224.0.0.0/4} through it. Closing deletes both (and with them the veth pair).
 */
public final class NamespacePair implements AutoCloseable {

    private final String[] names;
    private final String[] addresses;

    private NamespacePair(String prefix, int net) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        names = new String[] {prefix + "-" + pid + "-a", prefix + "-" + pid + "-b"};
        addresses = new String[] {"10." + net + ".0.1", "10." + net + ".0.2"};
        String veth = "ikm" + pid % 1_000_000;
        try {
            for (String name : names) {
                run("ip", "netns", "add", name);
                run("ip", "-n", name, "link", "set", "lo", "up");
            }
            run("ip", "link", "add", veth + "a", "netns", names[0], "type", "veth", "peer", "name", veth + "b", "netns",
                    names[1]);
            for (int side = 0; side < 2; side++) {
                String dev = veth + (side == 0 ? "a" : "b");
                run("ip", "netns", "exec", names[side], "sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1");
                run("ip", "-n", names[side], "addr", "add", addresses[side] + "/24", "dev", dev);
                run("ip", "-n", names[side], "link", "set", dev, "up");
                run("ip", "-n", names[side], "route", "add", "224.0.0.0/4", "dev", dev);
            }
        } catch (IOException | InterruptedException e) {
            close();
            throw e;
        }
    }

    /** Why namespaces cannot be made here (not root, no {@code ip}), or empty when they can. */
    public static Optional<String> unavailable() throws IOException, InterruptedException {
        if (!"0".equals(run("id", "-u").trim())) {
            return Optional.of("needs root (it creates network namespaces)");
        }
        boolean ip = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip").stream().map(Path::of).anyMatch(Files::isExecutable);
        return ip ? Optional.empty() : Optional.of("needs the ip command (iproute2)");
    }

    /** Makes the pair; {@code net} (1 to 254) picks the 10.net.0.0/24 subnet. */
    public static NamespacePair create(String prefix, int net) throws IOException, InterruptedException {
        return new NamespacePair(prefix, net);
    }

    /** The command prefix running a program in namespace 0 or 1. */
    public List<String> exec(int side) {
        return List.of("ip", "netns", "exec", names[side]);
    }

    /** Namespace 0's or 1's IPv4 address on the veth. */
    public String address(int side) {
        return addresses[side];
    }

    @Override
    public void close() {
        for (String name : names) {
            try {
                run("ip", "netns", "del", name);
            } catch (IOException e) {
                System.err.println("cleanup: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs a command within 30 s; its output, or an exception naming the command and its output. */
    public static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
