package io.ipfskit.discovery.mdns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.ipfskit.discovery.mdns.MdnsReader.PeerAnswer;
import io.ipfskit.multiformats.Multiaddr;

/**
 * Jazzer: any datagram from the LAN (the input) reads without an exception; a peer read from it has between 1 and
 * {@link MdnsReader#MAX_ADDRESSES} addresses, none loopback, none ending in /p2p. Without JAZZER_FUZZ=1 only the seeds
 * in src/test/resources/io/ipfskit/discovery/mdns/MdnsReaderFuzzTestInputs/datagram replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 mvn -pl bundles/discovery.mdns test -Dtest=MdnsReaderFuzzTest#datagram</pre>
 */
class MdnsReaderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void datagram(byte[] input) {
        Wire.read(input).ifPresent(packet -> {
            if (packet instanceof PeerAnswer answer) {
                int count = answer.peer().addresses().size();
                assertTrue(count >= 1 && count <= MdnsReader.MAX_ADDRESSES, count + " addresses");
                for (Multiaddr address : answer.peer().addresses()) {
                    assertFalse(address.isLoopback(), address.toString());
                    assertEquals(address, address.withoutPeerId(), address.toString());
                }
            }
        });
    }
}
