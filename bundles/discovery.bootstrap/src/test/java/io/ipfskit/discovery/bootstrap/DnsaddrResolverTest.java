package io.ipfskit.discovery.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Multiaddr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DnsaddrResolverTest {

    static final String A = "QmNnooDu7bfjPFoTZYxMNLWUQJyrVwtbZg5gBMjTezGAJN";
    static final String B = "QmbLHAnMoJPWSCR5Zhtx6BHJX9KiKNN6tpvbUcqanj75Nb";

    private final AtomicInteger queries = new AtomicInteger();

    private DnsaddrResolver resolver(Map<String, List<String>> zone) {
        return new DnsaddrResolver(name -> {
            queries.incrementAndGet();
            List<String> records = zone.get(name);
            return records == null ? CompletableFuture.failedFuture(new java.io.IOException("NXDOMAIN " + name))
                    : CompletableFuture.completedFuture(records);
        });
    }

    private static List<Multiaddr> resolve(DnsaddrResolver resolver, String address) {
        return resolver.resolve(Multiaddr.parse(address)).toCompletableFuture().join();
    }

    @Test
    void followsNestedDnsaddrRecordsAndKeepsOnlyThePeerAsked() {
        DnsaddrResolver resolver = resolver(Map.of(
                "_dnsaddr.bootstrap.libp2p.io", List.of(
                        "dnsaddr=/dnsaddr/sjc-1.bootstrap.libp2p.io/p2p/" + A,
                        "dnsaddr=/dnsaddr/ams-2.bootstrap.libp2p.io/p2p/" + B),
                "_dnsaddr.sjc-1.bootstrap.libp2p.io", List.of(
                        "dnsaddr=/ip4/147.75.83.83/tcp/4001/p2p/" + A,
                        "dnsaddr=/ip6/2604:1380:0:c100::1/tcp/4001/p2p/" + A,
                        "v=spf1 -all",
                        "dnsaddr=/ip4/1.2.3.4/tcp/4001/p2p/" + B),
                "_dnsaddr.ams-2.bootstrap.libp2p.io", List.of("dnsaddr=/ip4/147.75.87.27/tcp/4001/p2p/" + B)));

        assertEquals(List.of(Multiaddr.parse("/ip4/147.75.83.83/tcp/4001/p2p/" + A),
                Multiaddr.parse("/ip6/2604:1380:0:c100::1/tcp/4001/p2p/" + A)),
                resolve(resolver, "/dnsaddr/bootstrap.libp2p.io/p2p/" + A),
                "only A's addresses: B's (in A's host record too) and the foreign TXT record are dropped");
        assertEquals(3, resolve(resolver, "/dnsaddr/bootstrap.libp2p.io").size(), "without a peer id: every address");
    }

    @Test
    void addressesThatAreNotDnsaddrAreReturnedAsTheyAreWithoutAQuery() {
        DnsaddrResolver resolver = resolver(Map.of());
        assertEquals(List.of(Multiaddr.parse("/ip4/104.131.131.82/tcp/4001/p2p/" + A)),
                resolve(resolver, "/ip4/104.131.131.82/tcp/4001/p2p/" + A));
        assertEquals(0, queries.get());
    }

    @Test
    void aFailedQueryOrRecordsThatDoNotParseYieldNothing() {
        DnsaddrResolver resolver = resolver(Map.of("_dnsaddr.bad.example", List.of(
                "dnsaddr=/ip4/999.1.1.1/tcp/4001/p2p/" + A, "dnsaddr=/no-such-protocol/x/p2p/" + A, "dnsaddr=")));
        assertEquals(List.of(), resolve(resolver, "/dnsaddr/missing.example/p2p/" + A));
        assertEquals(List.of(), resolve(resolver, "/dnsaddr/bad.example/p2p/" + A));
    }

    @Test
    void aLoopOfRecordsEndsAtTheDepthBound() {
        DnsaddrResolver resolver = resolver(Map.of("_dnsaddr.loop.example",
                List.of("dnsaddr=/dnsaddr/loop.example/p2p/" + A)));
        assertEquals(List.of(), resolve(resolver, "/dnsaddr/loop.example/p2p/" + A));
        assertEquals(DnsaddrResolver.MAX_DEPTH, queries.get(), "one query per level, then it stops");
    }

    @Test
    void recordsFanningOutToManyDnsaddrsCostAtMostTheQueryBound() {
        List<String> fanOut = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fanOut.add("dnsaddr=/dnsaddr/n" + i + ".fan.example/p2p/" + A);
        }
        DnsaddrResolver resolver = new DnsaddrResolver(name -> {
            queries.incrementAndGet();
            return CompletableFuture.completedFuture(fanOut);
        });
        assertEquals(List.of(), resolve(resolver, "/dnsaddr/fan.example/p2p/" + A));
        assertEquals(DnsaddrResolver.MAX_QUERIES, queries.get(), "not 100^4 queries");
    }

    @Test
    void aHostNamingThousandsOfAddressesYieldsAtMostTheBound() {
        List<String> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            records.add("dnsaddr=/ip4/10.0." + (i / 256 % 256) + "." + (i % 256) + "/tcp/4001/p2p/" + A);
        }
        List<Multiaddr> found = resolve(resolver(Map.of("_dnsaddr.big.example", records)), "/dnsaddr/big.example/p2p/" + A);
        assertEquals(DnsaddrResolver.MAX_ADDRESSES, found.size());
        assertTrue(found.stream().allMatch(a -> a.toString().startsWith("/ip4/10.0.")));
    }
}
