package io.ipfskit.protocol.bitswap.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multicodec;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.protocol.bitswap.message.BitswapMessage;
import io.ipfskit.protocol.bitswap.message.Dialect;
import io.ipfskit.protocol.bitswap.message.Presence;
import io.ipfskit.protocol.bitswap.message.WantEntry;
import io.ipfskit.protocol.bitswap.message.WantType;
import io.ipfskit.protocol.bitswap.net.FakeStream;
import io.ipfskit.protocol.bitswap.net.PeerLink;
import io.ipfskit.testing.MemoryBlockstore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The decision engine on its own: what it answers, in which order, and how far it reads ahead of each peer's writes. */
class EngineTest {

    private final Map<PeerId, FakeStream> streams = new HashMap<>();
    private final Map<PeerId, PeerLink> links = new HashMap<>();
    /** Runs (once) when the engine looks up a block's size: between its reading of a want-list and queueing the answers. */
    private Runnable beforeSize;
    private final MemoryBlockstore store = new MemoryBlockstore() {
        @Override
        public OptionalInt size(Cid cid) {
            Runnable hook = beforeSize;
            beforeSize = null;
            if (hook != null) {
                hook.run();
            }
            return super.size(cid);
        }
    };
    private final Engine engine = new Engine(store, new ServerLimits(ServerLimits.MAX_WANTLIST_ENTRIES, 4, 64 << 20,
            ServerLimits.TARGET_MESSAGE_BYTES), Runnable::run, this::link);

    private synchronized PeerLink link(PeerId peer) {
        return links.computeIfAbsent(peer, p -> {
            FakeStream s = new FakeStream(p, Dialect.V120.protocolId());
            streams.put(p, s);
            return s.link();
        });
    }

    private static PeerId peer() {
        return PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
    }

    private Cid put(int size, int seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Cid cid = Cid.v1(Multicodec.RAW, Multihash.sha256(data));
        store.put(cid, data);
        return cid;
    }

    private static Cid absent(int i) {
        return Cid.v1(Multicodec.RAW, Multihash.sha256(ByteBuffer.allocate(4).putInt(i).array()));
    }

    private List<BitswapMessage> sent(PeerId p) {
        return streams.containsKey(p) ? streams.get(p).messages() : List.of();
    }

    @Test
    void aWantHaveForASmallBlockGetsTheBlockAndForALargeOneAHave() {
        PeerId p = peer();
        Cid small = put(Engine.SMALL_BLOCK, 1);
        Cid large = put(Engine.SMALL_BLOCK + 1, 2);
        engine.wantlist(p, List.of(WantEntry.want(small, 2, WantType.HAVE, true), WantEntry.want(large, 1, WantType.HAVE, true)), false);
        BitswapMessage answer = sent(p).get(0);
        assertEquals(1, answer.blocks().size());
        assertArrayEquals(store.get(small).orElseThrow(), answer.blocks().get(0).data());
        assertEquals(List.of(new Presence(large, true)), answer.presences());
        assertTrue(engine.ledger(p).orElseThrow().wants().isEmpty(), "answered wants leave the ledger");
    }

    @Test
    void dontHaveIsSentOnlyWhenAskedAndTheWantStaysForLater() {
        PeerId p = peer();
        Cid asked = absent(1);
        Cid silent = absent(2);
        engine.wantlist(p, List.of(WantEntry.want(asked, 1, WantType.BLOCK, true), WantEntry.want(silent, 1, WantType.BLOCK, false)), false);
        assertEquals(List.of(new Presence(asked, false)), sent(p).get(0).presences());
        assertEquals(1, sent(p).size());
        assertEquals(List.of(asked, silent), engine.ledger(p).orElseThrow().wants());
        streams.get(p).completeWrite();
        byte[] data = new byte[] {7};
        Cid arriving = Cid.v1(Multicodec.RAW, Multihash.sha256(data));
        engine.wantlist(p, List.of(WantEntry.want(arriving, 1, WantType.BLOCK, false)), false);
        store.put(arriving, data);
        engine.blockAdded(arriving, data.length);
        assertArrayEquals(data, sent(p).get(1).blocks().get(0).data(), "a block stored later goes to the peer that wanted it");
    }

    @Test
    void answersAreReadAheadOfAPeersStreamOnlyUpToThePeersBoundAndWrittenInOrder() {
        PeerId p = peer();
        int size = 300_000;
        List<WantEntry> wants = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            wants.add(WantEntry.want(put(size, 10 + i), 10 - i, WantType.BLOCK, false));
        }
        engine.wantlist(p, wants, false);
        FakeStream stream = streams.get(p);
        long ahead = (Engine.PEER_BYTES_IN_FLIGHT + size - 1) / size * size;
        assertEquals(ahead, engine.mostBytesInFlight(), "answers read ahead up to the peer's bound, no further");
        for (int i = 1; i <= 8; i++) {
            assertEquals(i, stream.messages().size(), "one answer per completed write");
            assertEquals(1, stream.pendingWrites());
            assertEquals(wants.get(i - 1).cid(), stream.messages().get(i - 1).blocks().get(0).prefix().cidOf(
                    stream.messages().get(i - 1).blocks().get(0).data()), "highest priority first");
            stream.completeWrite();
        }
        assertEquals(0, stream.pendingWrites());
        assertEquals(8L * size, engine.ledger(p).orElseThrow().sent());
        assertEquals(ahead, engine.mostBytesInFlight(), "never more read ahead while the writes completed");
    }

    @Test
    void aWantBlockReplacingAWantHaveWhoseHaveIsUnderWayIsStillAnswered() {
        PeerId p = peer();
        Cid first = put(600_000, 30);
        Cid second = put(600_000, 31);
        Cid wanted = put(20_000, 32);
        engine.wantlist(p, List.of(WantEntry.want(first, 2, WantType.BLOCK, false),
                WantEntry.want(second, 1, WantType.BLOCK, false)), false);
        engine.wantlist(p, List.of(WantEntry.want(wanted, 1, WantType.HAVE, false)), false);
        FakeStream stream = streams.get(p);
        assertEquals(1, stream.messages().size(), "the HAVE waits: two large answers fill the peer's bound");
        beforeSize = stream::completeWrite;
        engine.wantlist(p, List.of(WantEntry.want(wanted, 1, WantType.BLOCK, false)), false);
        for (int i = 0; i < 3; i++) {
            stream.completeWrite();
        }
        List<BitswapMessage> sent = stream.messages();
        assertEquals(4, sent.size(), "both large blocks, the HAVE, then the block");
        assertEquals(List.of(new Presence(wanted, true)), sent.get(2).presences());
        assertEquals(wanted, sent.get(3).blocks().get(0).prefix().cidOf(sent.get(3).blocks().get(0).data()),
                "the want-block that arrived while the HAVE was sent gets the block");
    }

    @Test
    void smallBlocksAreBatchedUpToTheTargetSize() {
        PeerId p = peer();
        List<WantEntry> wants = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            wants.add(WantEntry.want(put(4000, 20 + i), 1, WantType.BLOCK, false));
        }
        engine.wantlist(p, wants, false);
        assertEquals(5, sent(p).get(0).blocks().size(), "blocks join an answer until it reaches 16 KiB (4 x 4000 do not)");
    }

    @Test
    void aPeerWaitingOnItsWriteDoesNotHoldUpAnother() {
        PeerId greedy = peer();
        PeerId modest = peer();
        List<WantEntry> wants = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            wants.add(WantEntry.want(put(100_000, 40 + i), 1, WantType.BLOCK, false));
        }
        engine.wantlist(greedy, wants, false);
        Cid small = put(100, 99);
        engine.wantlist(modest, List.of(WantEntry.want(small, 1, WantType.BLOCK, false)), false);
        assertEquals(1, sent(greedy).size());
        assertEquals(1, sent(modest).size());
    }

    @Test
    void cancelsRemoveWantsAndAFullListReplacesThem() {
        PeerId p = peer();
        Cid one = absent(1);
        Cid two = absent(2);
        Cid three = absent(3);
        engine.wantlist(p, List.of(WantEntry.want(one, 1, WantType.BLOCK, false), WantEntry.want(two, 1, WantType.BLOCK, false)), false);
        engine.wantlist(p, List.of(WantEntry.cancel(one)), false);
        assertEquals(List.of(two), engine.ledger(p).orElseThrow().wants());
        engine.wantlist(p, List.of(WantEntry.want(three, 1, WantType.HAVE, false)), true);
        assertEquals(List.of(three), engine.ledger(p).orElseThrow().wants());
        engine.wantlist(p, List.of(), true);
        assertTrue(engine.ledger(p).orElseThrow().wants().isEmpty());
    }

    @Test
    void moreWantsThanTheLimitAreRefused() {
        PeerId p = peer();
        List<WantEntry> wants = new ArrayList<>();
        for (int i = 0; i < ServerLimits.MAX_WANTLIST_ENTRIES; i++) {
            wants.add(WantEntry.want(absent(i), 1, WantType.BLOCK, false));
        }
        assertTrue(engine.wantlist(p, wants, false));
        assertTrue(engine.wantlist(p, List.of(WantEntry.want(absent(0), 5, WantType.BLOCK, false)), false), "a re-want adds nothing");
        assertFalse(engine.wantlist(p, List.of(WantEntry.want(absent(-1), 1, WantType.BLOCK, false)), false));
    }

    @Test
    void aGonePeersLedgerIsDropped() {
        PeerId p = peer();
        engine.wantlist(p, List.of(WantEntry.want(absent(5), 1, WantType.BLOCK, false)), false);
        engine.peerGone(p);
        assertTrue(engine.ledger(p).isEmpty());
    }
}
