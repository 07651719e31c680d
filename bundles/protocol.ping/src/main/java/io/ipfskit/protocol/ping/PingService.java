package io.ipfskit.protocol.ping;

import io.ipfskit.api.net.Host;
import io.ipfskit.api.net.Ping;
import io.ipfskit.api.protocol.Stream;
import io.ipfskit.api.protocol.StreamListener;
import io.ipfskit.multiformats.PeerId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Pings peers over a fresh stream each time, fails after 10 seconds, and records the latency in the peerstore. */
@Component(service = Ping.class)
public final class PingService implements Ping {

    private static final long TIMEOUT_SECONDS = 10;

    private final Host host;
    private final SecureRandom random = new SecureRandom();

    /** Pings through the given host. */
    @Activate
    public PingService(@Reference Host host) {
        this.host = host;
    }

    @Override
    public CompletionStage<Duration> ping(PeerId peer) {
        byte[] payload = new byte[PingHandler.SIZE];
        random.nextBytes(payload);
        CompletableFuture<Duration> result = new CompletableFuture<>();
        host.newStream(peer, List.of(PingHandler.PROTOCOL), stream -> new Echo(stream, payload, result))
                .thenCompose(stream -> {
                    stream.write(payload);
                    return result;
                })
                .whenComplete((rtt, error) -> {
                    if (error != null) {
                        result.completeExceptionally(error);
                    }
                });
        return result.orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).thenApply(rtt -> {
            host.peerstore().update(peer, d -> d.withLatency(rtt));
            return rtt;
        });
    }

    /** Waits for the 32 bytes to come back and measures the time since the write. */
    private static final class Echo implements StreamListener {

        private final Stream stream;
        private final byte[] expected;
        private final CompletableFuture<Duration> result;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final long start = System.nanoTime();

        Echo(Stream stream, byte[] expected, CompletableFuture<Duration> result) {
            this.stream = stream;
            this.expected = expected;
            this.result = result;
        }

        @Override
        public void onData(byte[] data) {
            received.writeBytes(data);
            if (received.size() >= PingHandler.SIZE) {
                byte[] got = Arrays.copyOf(received.toByteArray(), PingHandler.SIZE);
                if (Arrays.equals(got, expected)) {
                    result.complete(Duration.ofNanos(System.nanoTime() - start));
                } else {
                    result.completeExceptionally(new IOException("ping answer differs from what was sent"));
                }
                stream.closeWrite();
            }
        }

        @Override
        public void onRemoteClose() {
            result.completeExceptionally(new IOException("peer closed the ping stream"));
        }

        @Override
        public void onReset() {
            result.completeExceptionally(new IOException("ping stream reset"));
        }
    }
}
