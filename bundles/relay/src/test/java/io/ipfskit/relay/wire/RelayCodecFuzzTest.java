package io.ipfskit.relay.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer: any bytes decode as a HopMessage, a StopMessage, an AutoNAT message and a voucher envelope or are refused with a
 * RelayProtocolException; any other exception fails the run, and a decoded message re-encodes to one that decodes equal.
 * Without JAZZER_FUZZ=1 only the seeds replay; to fuzz:
 * <pre>JAZZER_FUZZ=1 JAZZER_INSTRUMENT='io.ipfskit.**' mvn -pl bundles/relay test -Dtest=RelayCodecFuzzTest#messages</pre>
 */
class RelayCodecFuzzTest {

    /** DCUtR's HolePunch decoder: refuses with a RelayProtocolException or decodes what re-encodes equal. */
    @FuzzTest(maxDuration = "30s")
    void holePunch(byte[] data) {
        try {
            HolePunchMessage message = HolePunchCodec.decode(data);
            assertEquals(message, HolePunchCodec.decode(HolePunchCodec.encode(message)));
        } catch (RelayProtocolException refused) {
            assertEquals(RelayProtocolException.class, refused.getClass());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void messages(byte[] data) {
        try {
            HopMessage hop = RelayCodec.decodeHop(data);
            assertEquals(hop.type(), RelayCodec.decodeHop(RelayCodec.encode(hop)).type());
        } catch (RelayProtocolException refused) {
            assertEquals(RelayProtocolException.class, refused.getClass());
        }
        try {
            StopMessage stop = RelayCodec.decodeStop(data);
            assertEquals(stop.type(), RelayCodec.decodeStop(RelayCodec.encode(stop)).type());
        } catch (RelayProtocolException refused) {
            assertEquals(RelayProtocolException.class, refused.getClass());
        }
        try {
            AutoNatMessage autonat = AutoNatCodec.decode(data);
            assertEquals(autonat.type(), AutoNatCodec.decode(AutoNatCodec.encode(autonat)).type());
        } catch (RelayProtocolException refused) {
            assertEquals(RelayProtocolException.class, refused.getClass());
        }
        try {
            Voucher.open(data);
        } catch (RelayProtocolException refused) {
            assertEquals(RelayProtocolException.class, refused.getClass());
        }
    }
}
