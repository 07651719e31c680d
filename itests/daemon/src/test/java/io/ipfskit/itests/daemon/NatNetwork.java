package io.ipfskit.itests.daemon;

import static io.ipfskit.itests.support.NamespacePair.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces made for a test: {@code pub}, a public network (a bridge, {@value #RELAY}); two NAT routers
 * {@code nat1} and {@code nat2} with a public side ({@code 10.99.0.2}, {@code 10.99.0.3}) and a private one
 * ({@code 192.168.N.1}), forwarding and masquerading (nftables) what leaves through their public side (masquerade keeps
 * a source port while it is free) and silently dropping connections (TCP) and flows (UDP) opened to them from outside,
 * as home routers do (a reset, or an ICMP port unreachable, would end the other side's half of a simultaneous open or
 * hole punch before its own packets got out): a UDP packet gets in only as the answer to one that went out from the
 * same private address and port to its sender (conntrack); and {@code a}
 * ({@value #A}) and {@code b} ({@value #B}), each routed through its router. IPv4 only. Closing deletes the nft tables,
 * the namespaces and with them every veth and the bridge, whatever state creation reached.
 */
final class NatNetwork implements AutoCloseable {

    static final String RELAY = "10.99.0.1";
    static final String A = "192.168.1.2";
    static final String B = "192.168.2.2";

    private final String prefix;
    private final String veth;
    private final List<String> made = new ArrayList<>();

    private NatNetwork() {
        long pid = ProcessHandle.current().pid();
        prefix = "ipfskit-nat-" + pid + "-";
        veth = "ikn" + pid % 1_000_000;
    }

    /** Makes the five namespaces and their links; on failure deletes what it made. */
    static NatNetwork create() throws IOException, InterruptedException {
        NatNetwork net = new NatNetwork();
        try {
            net.build();
        } catch (IOException | InterruptedException e) {
            net.close();
            throw e;
        }
        return net;
    }

    private void build() throws IOException, InterruptedException {
        for (String n : List.of("pub", "nat1", "nat2", "a", "b")) {
            run("ip", "netns", "add", name(n));
            made.add(n);
            run("ip", "-n", name(n), "link", "set", "lo", "up");
        }
        run("ip", "-n", name("pub"), "link", "add", "br0", "type", "bridge");
        disableIpv6("pub", "br0");
        run("ip", "-n", name("pub"), "addr", "add", RELAY + "/24", "dev", "br0");
        run("ip", "-n", name("pub"), "link", "set", "br0", "up");
        for (int i = 1; i <= 2; i++) {
            String router = "nat" + i;
            String host = i == 1 ? "a" : "b";
            // public side: the router's end on the bridge
            link("pub", veth + "p" + i, router, veth + "u" + i);
            run("ip", "-n", name("pub"), "link", "set", veth + "p" + i, "master", "br0");
            run("ip", "-n", name("pub"), "link", "set", veth + "p" + i, "up");
            address(router, veth + "u" + i, "10.99.0." + (i + 1) + "/24");
            // private side
            link(router, veth + "l" + i, host, veth + "h" + i);
            address(router, veth + "l" + i, "192.168." + i + ".1/24");
            address(host, veth + "h" + i, "192.168." + i + ".2/24");
            run("ip", "-n", name(host), "route", "add", "default", "via", "192.168." + i + ".1");
            run("ip", "netns", "exec", name(router), "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
            nft(router, "add table ip ipfskit_nat",
                    "add chain ip ipfskit_nat post { type nat hook postrouting priority 100 ; }",
                    "add rule ip ipfskit_nat post oifname \"" + veth + "u" + i + "\" masquerade",
                    "add chain ip ipfskit_nat in { type filter hook input priority 0 ; }",
                    "add rule ip ipfskit_nat in iifname \"" + veth + "u" + i + "\" meta l4proto tcp ct state new drop",
                    "add rule ip ipfskit_nat in iifname \"" + veth + "u" + i + "\" meta l4proto udp ct state new drop");
        }
    }

    /** Makes both routers drop every UDP packet they would forward, as a network that blocks UDP does. */
    void dropUdp() throws IOException, InterruptedException {
        for (String router : List.of("nat1", "nat2")) {
            nft(router, "add chain ip ipfskit_nat forwarded { type filter hook forward priority 0 ; }",
                    "add rule ip ipfskit_nat forwarded meta l4proto udp drop");
        }
    }

    /** The command prefix running a program in namespace {@code pub}, {@code a} or {@code b}. */
    List<String> exec(String namespace) {
        return List.of("ip", "netns", "exec", name(namespace));
    }

    private String name(String namespace) {
        return prefix + namespace;
    }

    private void link(String left, String leftDev, String right, String rightDev) throws IOException, InterruptedException {
        run("ip", "link", "add", leftDev, "netns", name(left), "type", "veth", "peer", "name", rightDev, "netns",
                name(right));
        disableIpv6(left, leftDev);
        disableIpv6(right, rightDev);
    }

    private void address(String namespace, String dev, String cidr) throws IOException, InterruptedException {
        run("ip", "-n", name(namespace), "addr", "add", cidr, "dev", dev);
        run("ip", "-n", name(namespace), "link", "set", dev, "up");
    }

    private void disableIpv6(String namespace, String dev) throws IOException, InterruptedException {
        run("ip", "netns", "exec", name(namespace), "sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1");
    }

    private void nft(String namespace, String... commands) throws IOException, InterruptedException {
        for (String command : commands) {
            List<String> line = new ArrayList<>(exec(namespace));
            line.add("nft");
            line.add(command);
            run(line.toArray(String[]::new));
        }
    }

    @Override
    public void close() {
        for (String n : made) {
            try {
                if (n.startsWith("nat")) {
                    nft(n, "delete table ip ipfskit_nat");
                }
            } catch (IOException e) {
                System.err.println("cleanup: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String n : made) {
            try {
                run("ip", "netns", "del", name(n));
            } catch (IOException e) {
                System.err.println("cleanup: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
