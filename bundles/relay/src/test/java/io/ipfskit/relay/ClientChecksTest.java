package io.ipfskit.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.protocol.ProtocolHandler;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.keys.PrivateKey;
import io.ipfskit.relay.wire.HopMessage;
import io.ipfskit.relay.wire.PeerInfo;
import io.ipfskit.relay.wire.RelayCodec;
import io.ipfskit.relay.wire.Reservation;
import io.ipfskit.relay.wire.Status;
import io.ipfskit.relay.wire.StopMessage;
import io.ipfskit.relay.wire.Voucher;
import io.ipfskit.testkit.Collector;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the client checks: it takes circuits only from relays it reserved on, and reservations only with a true voucher. */
class ClientChecksTest {

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCircuitAnnouncedByAPeerWeHoldNoReservationOnIsRefused() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            await(rig.aRelays.reserve(rig.relay.address()));
            await(rig.b.host.connect(rig.aDirect()));
            Collector answer = new Collector();
            Stream stop = await(rig.b.host.newStream(rig.a.node.peerId(), List.of(StopHandler.PROTOCOL), s -> answer));
            HopService.send(stop, new StopMessage(StopMessage.Type.CONNECT, PeerInfo.of(rig.b.node.peerId()), null, null));
            byte[] framed = answer.closed.get(10, TimeUnit.SECONDS);
            StopMessage m = RelayCodec.decodeStop(Arrays.copyOfRange(framed, 1, framed.length));
            assertEquals(Status.PERMISSION_DENIED, m.status());
            assertFalse(rig.a.host.connections().stream().anyMatch(c -> HopService.relayed(c.remoteAddress())));
        }
    }

    @Test
    void aReservationWhoseVoucherNamesAnotherPeerIsNotHeld() throws Exception {
        try (RelayRig rig = new RelayRig(RelayLimits.defaults())) {
            rig.relay.host.removeProtocolHandler(rig.hop);
            PeerId someoneElse = PeerId.fromPublicKey(PrivateKey.generateEd25519().publicKey());
            rig.relay.host.addProtocolHandler(new ForgingRelay(rig, someoneElse));
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(rig.aRelays.reserve(rig.relay.address())));
            assertTrue(e.getCause().getMessage().contains("voucher for another relay, peer or expiration"), e.toString());
            assertFalse(rig.aRelays.reservedOn(rig.relay.node.peerId()));
            assertTrue(rig.aRelays.addresses().isEmpty());
        }
    }

    /** A relay that answers every RESERVE with OK and a voucher, properly signed, for the given peer. */
    private record ForgingRelay(RelayRig rig, PeerId voucherFor) implements ProtocolHandler {

        @Override
        public String protocolId() {
            return HopService.PROTOCOL;
        }

        @Override
        public StreamListener accept(Stream stream) {
            long expire = Instant.now().plusSeconds(3600).getEpochSecond();
            byte[] voucher = new Voucher(rig.relay.node.peerId(), voucherFor, expire)
                    .seal(rig.relay.node.publicKey(), rig.relay.node::sign);
            stream.write(RelayCodec.frame(RelayCodec.encode(new HopMessage(HopMessage.Type.STATUS, null,
                    new Reservation(expire, List.of(), voucher), null, Status.OK))));
            stream.closeWrite();
            return new Collector();
        }
    }
}
