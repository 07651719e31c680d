package io.ipfskit.discovery.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Protocol;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jazzer: TXT records from an untrusted name server (the input, records separated by zero bytes, each TXT data of
 * length-prefixed strings), returned for every name asked, resolve without an exception, within
 * {@link DnsaddrResolver#MAX_QUERIES} queries, to at most {@link DnsaddrResolver#MAX_ADDRESSES} addresses, none of them /dnsaddr, each naming the peer asked for. Without
 * JAZZER_FUZZ=1 only the seeds in src/test/resources/io/ipfskit/discovery/bootstrap/DnsaddrFuzzTestInputs/records
 * replay; to fuzz: <pre>JAZZER_FUZZ=1 mvn -pl bundles/discovery.bootstrap test -Dtest=DnsaddrFuzzTest#records</pre>
 */
class DnsaddrFuzzTest {

    private static final PeerId PEER = PeerId.parse(DnsaddrResolverTest.A);

    @FuzzTest(maxDuration = "30s")
    void records(byte[] input) {
        List<String> records = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == 0) {
                records.add(NettyTxtLookup.text(Unpooled.wrappedBuffer(Arrays.copyOfRange(input, start, i))));
                start = i + 1;
            }
        }
        AtomicInteger queries = new AtomicInteger();
        DnsaddrResolver resolver = new DnsaddrResolver(name -> {
            queries.incrementAndGet();
            return CompletableFuture.completedFuture(records);
        });
        List<Multiaddr> found = resolver.resolve(Multiaddr.parse("/dnsaddr/fuzz.example/p2p/" + DnsaddrResolverTest.A))
                .toCompletableFuture().join();
        assertTrue(found.size() <= DnsaddrResolver.MAX_ADDRESSES, found.size() + " addresses");
        assertTrue(queries.get() <= DnsaddrResolver.MAX_QUERIES, queries.get() + " queries");
        for (Multiaddr address : found) {
            assertEquals(Optional.of(PEER), address.peerId(), "an address of another peer: " + address);
            assertTrue(address.components().get(0).protocol() != Protocol.DNSADDR, "unresolved: " + address);
        }
    }
}
