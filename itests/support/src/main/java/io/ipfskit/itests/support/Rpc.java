package io.ipfskit.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A test's client of a running node's RPC API, found through {@code <repo>/api}; non-200 replies fail the test. */
public final class Rpc {

    /** The multipart boundary of {@link #add}. */
    public static final String BOUNDARY = "ipfskit-itest-boundary";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LIMIT = Duration.ofSeconds(90);

    private final Path repo;
    private final HttpClient http = HttpClient.newHttpClient();

    /** A client of the node running on the repo. */
    public Rpc(Path repo) {
        this.repo = repo;
    }

    /** The URI of a command (with its query), e.g. {@code cat?arg=Qm...}. */
    public URI uri(String commandAndQuery) throws IOException {
        String[] api = Files.readString(repo.resolve("api")).trim().split("/");
        return URI.create("http://" + api[2] + ":" + api[4] + "/api/v0/" + commandAndQuery);
    }

    /** Sends a request, whatever its status. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) throws Exception {
        return http.send(request, handler);
    }

    /** The {@code swarm/peers} entries of the node's connections to the peer (none when not connected). */
    public List<JsonNode> connections(String peer) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode entry : call("swarm/peers").get("Peers")) {
            if (entry.get("Peer").asText().equals(peer)) {
                out.add(entry);
            }
        }
        return out;
    }

    /** The {@code swarm/peers} addresses of the node's connections to the peer (none when not connected). */
    public List<String> connectionAddresses(String peer) throws Exception {
        return connections(peer).stream().map(entry -> entry.get("Addr").asText()).toList();
    }

    /** POSTs without a body and returns every JSON value of the reply (one per line). */
    public List<JsonNode> lines(String commandAndQuery) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(commandAndQuery)).timeout(LIMIT)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError(commandAndQuery + " answered " + response.statusCode() + ": " + response.body());
        }
        List<JsonNode> values = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) {
                values.add(JSON.readTree(line));
            }
        }
        return values;
    }

    /** POSTs without a body and returns the last JSON value of the reply. */
    public JsonNode call(String commandAndQuery) throws Exception {
        List<JsonNode> values = lines(commandAndQuery);
        return values.get(values.size() - 1);
    }

    /** POSTs without a body and returns the raw reply bytes ({@code cat}). */
    public byte[] bytes(String commandAndQuery) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(commandAndQuery)).timeout(LIMIT)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError(commandAndQuery + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** Adds one file through {@code add} (multipart, as kubo's client sends it) and returns its root CID. */
    public String add(String name, byte[] data) throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("add")).timeout(LIMIT)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("add answered " + response.statusCode() + ": " + response.body());
        }
        String[] lines = response.body().trim().split("\n");
        return JSON.readTree(lines[lines.length - 1]).get("Hash").asText();
    }

    /** The stats of one storage tier from {@code storage/tiers}, or null when that tier is not present. */
    public JsonNode tier(String name) throws Exception {
        for (JsonNode tier : call("storage/tiers").get("Tiers")) {
            if (tier.get("tier").asText().equals(name)) {
                return tier;
            }
        }
        return null;
    }
}
