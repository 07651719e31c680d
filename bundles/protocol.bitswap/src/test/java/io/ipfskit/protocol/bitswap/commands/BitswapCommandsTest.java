package io.ipfskit.protocol.bitswap.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.exchange.ExchangeSession;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.protocol.bitswap.testing.BitswapNode;
import io.ipfskit.testkit.Await;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import io.ipfskit.testing.MemoryMetrics;
import org.junit.jupiter.api.Test;

/** The admin commands answer in kubo's shapes. */
class BitswapCommandsTest {

    private final BitswapNode a = new BitswapNode();
    private final BitswapNode b = new BitswapNode();

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    private static Object run(RpcCommand command, List<String> args, Map<String, List<String>> options) throws Exception {
        Object[] reply = new Object[1];
        command.execute(new RpcRequest("test", args, options, new ByteArrayInputStream(new byte[0]), null), new RpcResponse() {
            @Override
            public void json(Object value) {
                reply[0] = value;
            }

            @Override
            public JsonStream jsonStream() {
                throw new UnsupportedOperationException();
            }

            @Override
            public OutputStream bytes(String contentType) {
                throw new UnsupportedOperationException();
            }
        });
        return reply[0];
    }

    @Test
    void statWantlistAndLedgerAfterAnExchange() throws Exception {
        byte[] file = BitswapNode.random(300_000, 1);
        Cid root = a.add(file);
        b.connect(a);
        b.fetch(root, 4, Duration.ofSeconds(30));
        Cid missing = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {1}));
        try (ExchangeSession session = b.bitswap.newSession()) {
            session.get(missing);
            Await.until("a to hold b's want", Duration.ofSeconds(10),
                    () -> a.bitswap.ledger(b.id()).map(l -> l.wants().contains(missing)).orElse(false));
            @SuppressWarnings("unchecked")
            Map<String, Object> stat = (Map<String, Object>) run(new BitswapRpcCommands.Stat(b.bitswap), List.of(), Map.of());
            assertEquals(List.of("ProvideBufLen", "Wantlist", "Peers", "BlocksReceived", "DataReceived", "DupBlksReceived",
                    "DupDataReceived", "BlocksSent", "DataSent", "MessagesReceived"), List.copyOf(stat.keySet()));
            assertEquals(List.of(Map.of("/", missing.toString())), stat.get("Wantlist"));
            assertEquals(List.of(a.id().toBase58()), stat.get("Peers"));
            assertEquals(3L, stat.get("BlocksReceived"));
            assertTrue((Long) stat.get("MessagesReceived") >= 3);
            assertEquals(Map.of("Keys", List.of(Map.of("/", missing.toString()))),
                    run(new BitswapRpcCommands.Wantlist(b.bitswap), List.of(), Map.of()));
            assertEquals(Map.of("Keys", List.of(Map.of("/", missing.toString()))),
                    run(new BitswapRpcCommands.Wantlist(a.bitswap), List.of(), Map.of("peer", List.of(b.id().toBase58()))));
            @SuppressWarnings("unchecked")
            Map<String, Object> ledger = (Map<String, Object>) run(new BitswapRpcCommands.Ledger(b.bitswap),
                    List.of(a.id().toBase58()), Map.of());
            assertEquals(a.id().toBase58(), ledger.get("Peer"));
            assertEquals(0L, ledger.get("Sent"));
            assertEquals(stat.get("DataReceived"), ledger.get("Recv"));
            assertEquals(3L, ledger.get("Exchanged"));
            assertEquals(0.0, ledger.get("Value"));
            String text = new BitswapGogoCommand(b.bitswap).bitswap("stat");
            assertTrue(text.contains("blocks received: 3") && text.contains(missing.toString()), text);
            assertTrue(new BitswapGogoCommand(a.bitswap).bitswap("ledger", b.id().toBase58()).contains("Exchanges:\t3"));
        }
    }

    @Test
    void theMetersMoveWithAnExchange() throws Exception {
        MemoryMetrics metrics = new MemoryMetrics();
        new BitswapMeters(b.bitswap).bind(metrics);
        new BitswapMeters(a.bitswap).bind(new MemoryMetrics());
        assertEquals(0, metrics.value("ipfskit.bitswap.received.blocks"));
        Cid root = a.add(BitswapNode.random(300_000, 2));
        b.connect(a);
        b.fetch(root, 4, Duration.ofSeconds(30));
        assertEquals(3, metrics.value("ipfskit.bitswap.received.blocks"));
        assertEquals(b.bitswap.stat().dataReceived(), metrics.value("ipfskit.bitswap.received.bytes"));
        assertTrue(metrics.value("ipfskit.bitswap.received.bytes") > 300_000);
        assertEquals(0, metrics.value("ipfskit.bitswap.sent.blocks"));
        assertEquals(1, metrics.value("ipfskit.bitswap.peers"));
        Cid missing = Cid.v1(Multicodec.RAW, Multihash.sha256(new byte[] {2}));
        try (ExchangeSession session = b.bitswap.newSession()) {
            session.get(missing);
            Await.until("the want to be counted", Duration.ofSeconds(10),
                    () -> metrics.value("ipfskit.bitswap.wantlist.size") == 1);
        }
    }

    @Test
    void aBadPeerIdIsAClientError() {
        RpcException e = assertThrows(RpcException.class,
                () -> run(new BitswapRpcCommands.Ledger(a.bitswap), List.of("not-a-peer"), Map.of()));
        assertEquals(RpcException.Kind.CLIENT, e.kind());
        assertThrows(RpcException.class, () -> new BitswapGogoCommand(a.bitswap).bitswap("nonsense"));
    }
}
