package io.ipfskit.protocol.bitswap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.protocol.bitswap.client.ClientSettings;
import io.ipfskit.protocol.bitswap.testing.BitswapNode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a caller can make the client hold is bounded, and what needs no network never touches it. */
class SessionBoundsTest {

    private static final ClientSettings SMALL = new ClientSettings(Duration.ofMillis(200), Duration.ofMillis(500),
            Duration.ofMinutes(1), Duration.ofSeconds(2), 1 << 20, 2, 4, 2, 1000, 32, 10, Duration.ofSeconds(10), 8);

    private final BitswapNode node = new BitswapNode(BitswapSettings.of(NodeRole.LEECHER).withClient(SMALL), null);

    @AfterEach
    void close() {
        node.close();
    }

    private static Cid absent(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(4).putInt(i).array()));
    }

    @Test
    void aSessionHoldsAtMostItsBoundOfFutures() throws Exception {
        try (ExchangeSession session = node.bitswap.newSession()) {
            List<CompletableFuture<byte[]>> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(session.get(absent(i % 3)));
            }
            ExecutionException refused = assertThrows(ExecutionException.class, () -> session.get(absent(9)).get(1, TimeUnit.SECONDS));
            assertTrue(refused.getCause() instanceof IllegalStateException);
            held.get(0).cancel(false);
            assertTrue(!session.get(absent(9)).isDone(), "a cancelled future frees its place");
        }
    }

    @Test
    void onlyTheBoundOfSessionsMayBeOpen() {
        ExchangeSession one = node.bitswap.newSession();
        ExchangeSession two = node.bitswap.newSession();
        assertThrows(IllegalStateException.class, node.bitswap::newSession);
        one.close();
        node.bitswap.newSession().close();
        two.close();
    }

    @Test
    void onlyTheLiveBoundOfWantsIsOnTheWire() throws Exception {
        BitswapNode peer = new BitswapNode();
        try (peer; ExchangeSession session = node.bitswap.newSession()) {
            node.connect(peer);
            for (int i = 0; i < 4; i++) {
                session.get(absent(100 + i));
            }
            io.ipfskit.testkit.Await.until("two wants to reach the peer", Duration.ofSeconds(10),
                    () -> peer.bitswap.ledger(node.id()).map(l -> l.wants().size() == 2).orElse(false));
            assertEquals(4, node.bitswap.wantlist().size());
        }
    }

    @Test
    void identityCidsAnswerAtOnceAndUnverifiableOnesFail() throws Exception {
        byte[] inline = {1, 2, 3};
        try (ExchangeSession session = node.bitswap.newSession()) {
            assertArrayEquals(inline, session.get(Cid.v1(Multicodec.RAW, Multihash.identity(inline))).get(1, TimeUnit.SECONDS));
            Cid sha3 = Cid.v1(Multicodec.RAW, Multihash.of(0x16, new byte[32]));
            ExecutionException failed = assertThrows(ExecutionException.class, () -> session.get(sha3).get(1, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof IllegalArgumentException);
        }
    }

    @Test
    void aBlockAlreadyStoredIsReadLocally() throws Exception {
        byte[] data = {4, 5, 6};
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(data));
        node.repo.put(cid, data);
        try (ExchangeSession session = node.bitswap.newSession()) {
            assertArrayEquals(data, session.get(cid).get(5, TimeUnit.SECONDS));
        }
        assertEquals(0, node.bitswap.stat().blocksReceived());
    }
}
