package io.ipfskit.host.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.testkit.TestHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwarmAddrsCommandsTest {

    private final TestHost a = new TestHost();
    private final TestHost b = new TestHost();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void knownAddressesAreListedByPeerAfterAConnect() throws Exception {
        assertTrue(SwarmAddrsCommands.known(a.host).isEmpty());
        Swarm.connect(a.host, b.address().toString());
        Map<String, List<String>> known = SwarmAddrsCommands.known(a.host);
        String bAddress = b.address().toString();
        assertTrue(known.get(b.node.peerId().toBase58()).contains(bAddress.substring(0, bAddress.indexOf("/p2p/"))), known.toString());
    }

    @Test
    void localAddressesCarryOurIdOnlyWhenAsked() {
        List<String> listening = a.host.listenAddresses().stream().map(Object::toString).toList();
        assertEquals(listening, SwarmAddrsCommands.local(a.host, false));
        assertEquals(listening.stream().map(s -> s + "/p2p/" + a.node.peerId().toBase58()).toList(),
                SwarmAddrsCommands.local(a.host, true));
    }
}
