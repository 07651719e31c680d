package io.ipfskit.dht.kad.commands;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcCommand;
import io.ipfskit.api.admin.RpcException;
import io.ipfskit.api.node.NodeRole;
import io.ipfskit.dht.kad.api.DhtMode;
import io.ipfskit.dht.kad.core.KadSettings;
import io.ipfskit.dht.kad.host.DhtPeer;
import io.ipfskit.dht.kad.records.IpnsFixtures;
import io.ipfskit.dht.kad.records.StoreLimits;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DHT's admin commands on three loopback nodes, A and C connected only to B (every one a public-DHT server accepting
 * loopback peers): each command's kubo shape, its result, and its refusal of bad input. Bounded by the class timeout.
 */
@Timeout(90)
class DhtCommandsTest {

    private final List<DhtPeer> peers = new ArrayList<>();
    private DhtPeer a;
    private DhtPeer b;
    private DhtPeer c;

    private DhtPeer peer() {
        DhtPeer p = new DhtPeer(KadSettings.wan(DhtMode.SERVER, true), StoreLimits.of(NodeRole.WORKER));
        peers.add(p);
        return p;
    }

    /** The commands' view of a node: its DHT, no LAN DHT, online. */
    private static NodeDhts dhts(DhtPeer peer) {
        return new NodeDhts(peer.node(), null, peer.test.host, false);
    }

    @BeforeEach
    void network() throws Exception {
        a = peer();
        b = peer();
        c = peer();
        a.connect(b);
        c.connect(b);
        a.awaitInTable(b);
        c.awaitInTable(b);
        b.awaitInTable(a);
        b.awaitInTable(c);
    }

    @AfterEach
    void close() throws Exception {
        for (DhtPeer p : peers) {
            p.close();
        }
    }

    @Test
    void findpeerStreamsTheLookupAndEndsWithKubosFinalPeerEvent() throws Exception {
        Replies replies = Replies.run(new DhtRpcCommands.FindPeer(dhts(c)), List.of(a.id().toBase58()));
        assertTrue(replies.streamed);
        Map<?, ?> last = replies.last();
        assertEquals(List.of("ID", "Type", "Responses", "Extra"), List.copyOf(last.keySet()), "kubo's fields");
        assertEquals(2, last.get("Type"));
        assertEquals("", last.get("ID"));
        List<?> responses = (List<?>) last.get("Responses");
        assertEquals(1, responses.size());
        Map<?, ?> found = (Map<?, ?>) responses.get(0);
        assertEquals(a.id().toBase58(), found.get("ID"));
        assertEquals(a.test.host.listenAddresses().stream().map(Object::toString).toList(), found.get("Addrs"));
        assertEquals(1, replies.ofType(2).size(), "the result once, not the lookup's own final events");
    }

    @Test
    void findpeerOfNobodyEndsWithAQueryErrorAndTheError() {
        PeerId nobody = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        Replies replies = new Replies();
        RpcException e = assertThrows(RpcException.class, () -> new DhtRpcCommands.FindPeer(dhts(c))
                .execute(Replies.request(List.of(nobody.toBase58()), InputStream.nullInputStream(), ""), replies));
        assertEquals("routing: not found", e.getMessage());
        assertEquals(3, replies.last().get("Type"));
        assertEquals("routing: not found", replies.last().get("Extra"));
    }

    @Test
    void putOnOneNodeAndGetFromAnother() throws Exception {
        IpnsFixtures.Signer signer = IpnsFixtures.ed25519();
        byte[] record = IpnsFixtures.record(signer, "/ipfs/bafkqaaa", 1, Instant.now().plus(1, ChronoUnit.HOURS), false);
        String key = "/ipns/" + signer.name().toBase58();
        Replies put = Replies.runWithFile(new DhtRpcCommands.Put(dhts(a)), List.of(key), record);
        assertTrue(put.ofType(5).stream().anyMatch(e -> b.id().toBase58().equals(e.get("ID"))),
                "a Value event for each peer told, as go: " + put.json);
        Replies got = Replies.run(new DhtRpcCommands.Get(dhts(c)), List.of("/ipns/" + signer.name().toCidString()));
        assertEquals(5, got.last().get("Type"));
        assertEquals("", got.last().get("ID"));
        assertArrayEquals(record, Base64.getDecoder().decode((String) got.last().get("Extra")));
    }

    @Test
    void putRefusesInvalidOversizedAndMissingValuesBeforeStreaming() throws Exception {
        IpnsFixtures.Signer signer = IpnsFixtures.ed25519();
        IpnsFixtures.Signer other = IpnsFixtures.ed25519();
        String key = "/ipns/" + signer.name().toBase58();
        byte[] foreign = IpnsFixtures.record(other, "/ipfs/bafkqaaa", 1, Instant.now().plus(1, ChronoUnit.HOURS), false);
        DhtRpcCommands.Put put = new DhtRpcCommands.Put(dhts(a));
        RpcException invalid = assertThrows(RpcException.class, () -> Replies.runWithFile(put, List.of(key), foreign));
        assertEquals(RpcException.Kind.CLIENT, invalid.kind());
        assertTrue(invalid.getMessage().startsWith("invalid value: "), invalid.getMessage());
        assertTrue(a.store.value(IpnsFixtures.key(signer.name())).isEmpty(), "nothing stored");

        RpcException big = assertThrows(RpcException.class,
                () -> Replies.runWithFile(put, List.of(key), new byte[DhtRpcCommands.MAX_VALUE_BYTES + 1]));
        assertEquals(RpcException.Kind.CLIENT, big.kind());
        assertEquals("the value is larger than " + DhtRpcCommands.MAX_VALUE_BYTES + " bytes", big.getMessage());
        assertEquals(RpcException.Kind.CLIENT,
                assertThrows(RpcException.class, () -> Replies.run(put, List.of(key))).kind(), "no value file");
    }

    @Test
    void valueCommandsRefuseKeysOutsideThePkAndIpnsNamespaces() {
        for (String key : List.of("/foo/" + a.id(), "/ipns/not-a-peer", "/ipns/" + a.id() + "/x", "ipns/" + a.id(), "")) {
            RpcException e = assertThrows(RpcException.class,
                    () -> Replies.run(new DhtRpcCommands.Get(dhts(c)), List.of(key)), key);
            assertEquals(RpcException.Kind.CLIENT, e.kind(), key);
            assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class,
                    () -> Replies.runWithFile(new DhtRpcCommands.Put(dhts(c)), List.of(key), new byte[1])).kind(), key);
        }
        RpcException missing = assertThrows(RpcException.class,
                () -> Replies.run(new DhtRpcCommands.Get(dhts(c)), List.of()));
        assertEquals("argument \"key\" is required", missing.getMessage());
    }

    @Test
    void getOfAKeyNobodyHoldsEndsWithNotFound() {
        String key = "/pk/" + PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
        Replies replies = new Replies();
        RpcException e = assertThrows(RpcException.class, () -> new DhtRpcCommands.Get(dhts(c))
                .execute(Replies.request(List.of(key), InputStream.nullInputStream(), ""), replies));
        assertEquals("routing: not found", e.getMessage());
        assertEquals(3, replies.last().get("Type"));
    }

    @Test
    void queryEndsWithTheClosestPeersAsFinalPeerEvents() throws Exception {
        Replies replies = Replies.run(new DhtRpcCommands.Query(dhts(c)), List.of(a.id().toBase58()));
        List<?> finals = replies.ofType(2).stream().map(e -> e.get("ID")).toList();
        assertEquals(List.of(a.id().toBase58(), b.id().toBase58()), finals, "closest first");
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class,
                () -> Replies.run(new DhtRpcCommands.Query(dhts(c)), List.of("QmNotAPeer"))).kind());
    }

    @Test
    void statsReportsTheTableByBucketAsKubo() throws Exception {
        Replies replies = Replies.run(new DhtRpcCommands.Stats(dhts(b)), List.of());
        assertEquals(1, replies.json.size(), "one report per running DHT");
        Map<?, ?> report = replies.last();
        assertEquals("wan", report.get("Name"));
        List<Map<?, ?>> peersSeen = new ArrayList<>();
        for (Object bucket : (List<?>) report.get("Buckets")) {
            assertEquals(List.of("LastRefresh", "Peers"), List.copyOf(((Map<?, ?>) bucket).keySet()));
            ((List<?>) ((Map<?, ?>) bucket).get("Peers")).forEach(p -> peersSeen.add((Map<?, ?>) p));
        }
        assertEquals(2, peersSeen.size());
        for (Map<?, ?> p : peersSeen) {
            assertEquals(List.of("ID", "Connected", "AgentVersion", "LastUsefulAt", "LastQueriedAt"),
                    List.copyOf(p.keySet()));
            assertEquals(Boolean.TRUE, p.get("Connected"));
            assertFalse(((String) p.get("LastQueriedAt")).isEmpty(), "it answered our check");
        }
        assertEquals("wan", Replies.run(new DhtRpcCommands.Stats(dhts(b)), List.of("wan")).last().get("Name"));
        RpcException unknown = assertThrows(RpcException.class,
                () -> Replies.run(new DhtRpcCommands.Stats(dhts(b)), List.of("moon")));
        assertEquals("unknown dht type: moon", unknown.getMessage());
        assertEquals(RpcException.Kind.CLIENT, unknown.kind());
        assertEquals("the LAN DHT is not running", assertThrows(RpcException.class,
                () -> Replies.run(new DhtRpcCommands.Stats(dhts(b)), List.of("lan"))).getMessage());
    }

    @Test
    void offlineEveryCommandAnswersAsKuboBeforeStreaming() {
        NodeDhts offline = new NodeDhts(c.node(), null, c.test.host, true);
        String peer = a.id().toBase58();
        for (RpcCommand command : List.of(new DhtRpcCommands.FindPeer(offline), new DhtRpcCommands.Query(offline),
                new DhtRpcCommands.Get(offline), new DhtRpcCommands.Stats(offline))) {
            Replies replies = new Replies();
            List<String> arguments = command instanceof DhtRpcCommands.Get ? List.of("/pk/" + peer)
                    : command instanceof DhtRpcCommands.Stats ? List.of() : List.of(peer);
            RpcException e = assertThrows(RpcException.class, () -> command.execute(
                    Replies.request(arguments, InputStream.nullInputStream(), ""), replies));
            assertEquals(NodeDhts.NOT_ONLINE, e.getMessage());
            assertFalse(replies.streamed, "an error reply, not a broken stream");
        }
    }

    @Test
    void theShellCommandPrintsClosestPeersAddressesAndTables() throws Exception {
        DhtGogoCommand shell = new DhtGogoCommand(dhts(c));
        assertEquals(a.id() + "\n" + b.id(), shell.dht("query", a.id().toBase58()));
        assertEquals(String.join("\n", a.test.host.listenAddresses().stream().map(Object::toString).toList()),
                shell.dht("findpeer", a.id().toBase58()));
        String table = shell.dht("table");
        assertTrue(table.startsWith("DHT wan ("), table);
        assertTrue(table.contains("\n  Bucket  0 ("), table);
        assertTrue(table.contains("@ " + b.id()), table);
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> shell.dht("nonsense")).kind());
        assertEquals(RpcException.Kind.CLIENT, assertThrows(RpcException.class, () -> shell.dht("findpeer", "x")).kind());
    }
}
