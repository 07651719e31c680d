package io.ipfskit.routing.commands;

import static io.ipfskit.routing.manager.Peers.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.routing.blocks.NetworkBlockService;
import io.ipfskit.routing.manager.ContentRoutingManager;
import io.ipfskit.routing.manager.FakeRouter;
import io.ipfskit.routing.manager.Managers;
import io.ipfskit.routing.testing.FakeBlockstore;
import io.ipfskit.routing.testing.LineDags;
import io.ipfskit.routing.concurrent.ManualTime;
import io.ipfskit.testkit.TestHost;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every test is bounded: a blocked wait fails the test instead of hanging the build. */
@Timeout(30)
class RoutingCommandsTest {

    private final ManualTime time = new ManualTime();
    private final FakeBlockstore store = new FakeBlockstore();
    private final ContentRoutingManager routing = Managers.manager(time, false, Runnable::run, 4);
    private final FakeRouter dht = Managers.add(routing, new FakeRouter(), "dht", true);
    private final TestHost host = new TestHost();
    private final TestHost peer = new TestHost();

    @AfterEach
    void close() {
        host.close();
        peer.close();
    }

    private static Map<String, Object> event(int peer, int port) {
        return Map.of("ID", "", "Type", 4, "Extra", "", "Responses",
                List.of(Map.of("ID", info(peer).peerId().toBase58(), "Addrs", List.of("/ip4/127.0.0.1/tcp/" + port))));
    }

    @Test
    void findprovsStreamsKubosProviderEvents() throws Exception {
        Cid cid = FakeBlockstore.cid(FakeBlockstore.block(1));
        dht.answer(List.of(info(1), info(2), info(3)));
        Replies replies = Replies.run(new RoutingRpcCommands.FindProvs(routing), List.of(cid.toString()));
        assertTrue(replies.streamed);
        assertEquals(List.of(event(1, 4001), event(2, 4002), event(3, 4003)), replies.json);
        assertEquals(List.of("ID", "Type", "Responses", "Extra"),
                List.copyOf(((Map<?, ?>) replies.json.get(0)).keySet()), "kubo's field order");

        assertEquals(List.of(event(1, 4001)), Replies.run(new RoutingRpcCommands.FindProvs(routing),
                List.of("/ipfs/" + cid), "num-providers=1").json);
        assertEquals(2, Replies.run(new RoutingRpcCommands.FindProvs(routing), List.of(cid.toString()), "n=2").json.size());
    }

    @Test
    void findprovsRefusesBadInputAsKuboDoes() {
        RoutingRpcCommands.FindProvs command = new RoutingRpcCommands.FindProvs(routing);
        RpcException zero = assertThrows(RpcException.class, () -> Replies.run(command, List.of(
                FakeBlockstore.cid(FakeBlockstore.block(1)).toString()), "num-providers=0"));
        assertEquals("number of providers must be greater than 0", zero.getMessage());
        assertEquals(RpcException.Kind.CLIENT,
                assertThrows(RpcException.class, () -> Replies.run(command, List.of("not-a-cid"))).kind());
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> Replies.run(command, List.of())).kind());
    }

    @Test
    void offlineTheNetworkCommandsAnswerAsKubo() {
        ContentRoutingManager offline = Managers.manager(time, true, Runnable::run, 4);
        String cid = FakeBlockstore.cid(FakeBlockstore.block(1)).toString();
        Replies replies = new Replies();
        RpcException e = assertThrows(RpcException.class, () -> new RoutingRpcCommands.FindProvs(offline)
                .execute(new RpcRequest("t", List.of(cid), Map.of(), InputStream.nullInputStream(), ""), replies));
        assertEquals(Routing.NOT_ONLINE, e.getMessage());
        assertFalse(replies.streamed, "an error reply, not a broken stream");
        assertEquals(Routing.NOT_ONLINE, assertThrows(RpcException.class,
                () -> Replies.run(new RoutingRpcCommands.Provide(offline, store, host.host), List.of(cid))).getMessage());
        assertEquals(Routing.NOT_ONLINE, assertThrows(RpcException.class,
                () -> Replies.run(new RoutingRpcCommands.Reprovide(offline), List.of())).getMessage());
    }

    @Test
    void provideAnnouncesBlocksHeldLocallyWhileConnected() throws Exception {
        Cid held = store.add(FakeBlockstore.block(1));
        Cid missing = FakeBlockstore.cid(FakeBlockstore.block(2));
        RoutingRpcCommands.Provide command = new RoutingRpcCommands.Provide(routing, store, host.host);
        assertEquals("cannot provide, no connected peers",
                assertThrows(RpcException.class, () -> Replies.run(command, List.of(held.toString()))).getMessage());

        host.host.connect(peer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("block " + missing + " not found locally, cannot provide", assertThrows(RpcException.class,
                () -> Replies.run(command, List.of(held.toString(), missing.toString()))).getMessage());
        assertEquals(List.of(), dht.announced, "nothing is announced when one block is missing");

        Replies replies = Replies.run(command, List.of(held.toString()));
        assertEquals(List.of(held), dht.announced);
        assertTrue(replies.streamed && replies.json.isEmpty(), "kubo's empty event stream");

        dht.failAnnouncements("no peers in the table");
        assertEquals("error providing cid: router dht: no peers in the table",
                assertThrows(RpcException.class, () -> Replies.run(command, List.of(held.toString()))).getMessage());
    }

    @Test
    void recursiveProvideAnnouncesEveryBlockOfTheDagOnce() throws Exception {
        Cid leaf1 = store.add(FakeBlockstore.block(1));
        Cid leaf2 = store.add(FakeBlockstore.block(2));
        Cid middle = LineDags.node(store, leaf1, leaf2);
        Cid root = LineDags.node(store, middle, leaf2);
        host.host.connect(peer.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        RoutingRpcCommands.Provide command = new RoutingRpcCommands.Provide(routing, store, host.host);
        command.addWalker(LineDags.LINES);
        assertEquals("cannot walk " + leaf2 + ": no link walker for codec 0x55", assertThrows(RpcException.class,
                () -> Replies.run(command, List.of(root.toString()), "recursive=true")).getMessage());
        assertEquals(List.of(), dht.announced, "nothing is announced when the DAG cannot be walked");

        command.addWalker(LineDags.RAW);
        Replies.run(command, List.of(root.toString()), "r=true");
        assertEquals(List.of(root, middle, leaf2, leaf1), dht.announced, "each block once, breadth first");

        Cid missing = FakeBlockstore.cid(FakeBlockstore.block(3));
        Cid partial = LineDags.node(store, leaf1, missing);
        dht.announced.clear();
        assertEquals("block " + missing + " not found locally, cannot provide", assertThrows(RpcException.class,
                () -> Replies.run(command, List.of(partial.toString()), "recursive=true")).getMessage());
        assertEquals(List.of(), dht.announced);
        command.removeWalker(LineDags.RAW);
        assertThrows(RpcException.class, () -> Replies.run(command, List.of(root.toString()), "recursive=true"));
    }

    @Test
    void reprovideAnnouncesEveryStoredBlock() throws Exception {
        routing.setBlockstore(store);
        store.add(FakeBlockstore.block(1));
        store.add(FakeBlockstore.block(2));
        Replies replies = Replies.run(new RoutingRpcCommands.Reprovide(routing), List.of());
        assertEquals(2, dht.announced.size());
        assertTrue(replies.streamed && replies.json.isEmpty());
    }

    @Test
    void statsReportRoutingAndRetrieval() throws Exception {
        dht.answer(List.of(info(1)));
        Replies.run(new RoutingRpcCommands.FindProvs(routing), List.of(FakeBlockstore.cid(FakeBlockstore.block(1)).toString()));
        RoutingRpcCommands.Stats command = new RoutingRpcCommands.Stats(routing);
        command.blocks = new NetworkBlockService(store, false, time, Runnable::run, () -> { });
        Map<?, ?> reply = (Map<?, ?>) Replies.run(command, List.of()).json.get(0);
        assertEquals(1L, ((Map<?, ?>) reply.get("Routing")).get("providers_found"));
        assertEquals(0L, ((Map<?, ?>) reply.get("Retrieval")).get("cache_misses"));
    }

    @Test
    void theShellCommandPrintsProvidersAndStats() throws Exception {
        dht.answer(List.of(info(1), info(2)));
        RoutingGogoCommand shell = new RoutingGogoCommand(routing, store, host.host);
        assertEquals(info(1).peerId() + "\n" + info(2).peerId(),
                shell.routing("findprovs", FakeBlockstore.cid(FakeBlockstore.block(1)).toString()));
        String stats = shell.routing("stats");
        assertTrue(stats.contains("\n  providers_found: 2\n"), stats);
        assertTrue(stats.contains("Retrieval: null"), stats);
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> shell.routing("nonsense")).kind());
    }
}
