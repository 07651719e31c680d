package io.ipfskit.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A node's pubsub through kubo's RPC: topics and bytes as base64url multibase, {@code pubsub/pub} with a multipart
 * file, and a {@code pubsub/sub} stream read on its own thread into a queue (with each message's arrival time).
 */
public final class Pubsub implements AutoCloseable {

    /** One message of the sub stream, as received, and when it arrived ({@link System#nanoTime()}). */
    public record Received(JsonNode json, long arrivedAt) {
        /** The message's data. */
        public String data() {
            return new String(decode(json.get("data").asText()), StandardCharsets.UTF_8);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile InputStream body;

    private Pubsub(Rpc rpc, String topic) {
        reader = new Thread(() -> read(rpc, topic), "pubsub-sub-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Subscribes the node to the (plain) topic through a {@code pubsub/sub} stream, read until closed. */
    public static Pubsub subscribe(Rpc rpc, String topic) {
        return new Pubsub(rpc, topic);
    }

    /** Publishes the data on the (plain) topic through {@code pubsub/pub}. */
    public static void publish(Rpc rpc, String topic, byte[] data) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + Rpc.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + Rpc.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = rpc.send(HttpRequest.newBuilder(rpc.uri("pubsub/pub?arg=" + topic(topic)))
                .timeout(LIMIT).header("Content-Type", "multipart/form-data; boundary=" + Rpc.BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("pubsub/pub answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** kubo's RPC form of a topic: base64url multibase of its UTF-8 bytes. */
    public static String topic(String plain) {
        return "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes of base64url multibase text. */
    public static byte[] decode(String multibase) {
        if (!multibase.startsWith("u")) {
            throw new AssertionError("not base64url multibase: " + multibase);
        }
        return Base64.getUrlDecoder().decode(multibase.substring(1));
    }

    /** The next message of the stream, or an AssertionError after the timeout. */
    public Received next(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no pubsub message within " + timeout);
        }
        return next;
    }

    /** The next message if one arrives within the timeout, else null. */
    public Received poll(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void read(Rpc rpc, String topic) {
        try {
            HttpResponse<InputStream> response = rpc.send(HttpRequest.newBuilder(rpc.uri("pubsub/sub?arg="
                    + topic(topic))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            body = response.body();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        received.add(new Received(JSON.readTree(line), System.nanoTime()));
                    }
                }
            }
        } catch (Exception stopped) {
            // closed, or the node stopped
        }
    }

    /** Closes the stream (the node ends the subscription when it next writes). */
    @Override
    public void close() throws Exception {
        InputStream open = body;
        if (open != null) {
            open.close();
        }
        reader.interrupt();
    }
}
