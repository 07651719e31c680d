package io.ipfskit.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.function.UnaryOperator;

/** Two embedded channels wired back to back: {@link #pump()} carries bytes (and a close) both ways until nothing moves. */
public final class EmbeddedPair {

    /** The dialling side. */
    public final EmbeddedChannel initiator = new EmbeddedChannel();
    /** The listening side. */
    public final EmbeddedChannel responder = new EmbeddedChannel();
    private UnaryOperator<ByteBuf> tamper = UnaryOperator.identity();

    /** Rewrites every buffer from the initiator to the responder (to forge or corrupt traffic). */
    public void tamperInitiatorBytes(UnaryOperator<ByteBuf> rewrite) {
        this.tamper = rewrite;
    }

    /** Moves outbound bytes to the other side until both are quiet; returns the number of buffers moved. */
    public int pump() {
        int moved = 0;
        for (int round = 0; round < 10_000; round++) {
            int before = moved;
            initiator.runPendingTasks();
            responder.runPendingTasks();
            Object m;
            while ((m = initiator.readOutbound()) != null) {
                moved++;
                if (responder.isActive()) {
                    responder.writeInbound(tamper.apply((ByteBuf) m));
                } else {
                    ((ByteBuf) m).release();
                }
            }
            while ((m = responder.readOutbound()) != null) {
                moved++;
                if (initiator.isActive()) {
                    initiator.writeInbound(m);
                } else {
                    ((ByteBuf) m).release();
                }
            }
            if (initiator.isActive() != responder.isActive()) {
                initiator.close();
                responder.close();
                moved++;
            }
            if (moved == before) {
                return moved;
            }
        }
        throw new IllegalStateException("the pair never went quiet");
    }

    /** Feeds raw bytes to the responder as if the initiator had sent them. */
    public void injectToResponder(ByteBuf bytes) {
        responder.writeInbound(bytes);
    }
}
