package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Calls the running node's RPC API, found through {@code <repo>/api}; errors come back as one-line messages. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Map<String, String> always;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ApiClient(URI base, Map<String, String> always) {
        this.base = base;
        this.always = always;
    }

    /** The same client adding these options to every request (kubo's global {@code offline}, {@code timeout}). */
    ApiClient with(Map<String, String> options) {
        Map<String, String> merged = new LinkedHashMap<>(always);
        merged.putAll(options);
        return new ApiClient(base, Map.copyOf(merged));
    }

    /** A client for the node running on this repo, or an error saying none runs. */
    static ApiClient forRepo(Path repo) {
        String text;
        try {
            text = Files.readString(repo.resolve("api")).trim();
        } catch (NoSuchFileException e) {
            throw new LauncherException("no node is running on " + repo + " (start one with: ipfs-kit daemon)");
        } catch (IOException e) {
            throw new LauncherException("cannot read " + repo.resolve("api") + ": " + e.getMessage());
        }
        InetSocketAddress socket;
        try {
            Multiaddr address = Multiaddr.parse(text);
            socket = address.toSocketAddress().filter(s -> address.valueOf(Protocol.TCP).isPresent())
                    .orElseThrow(() -> new IllegalArgumentException("not a tcp address"));
        } catch (IllegalArgumentException e) {
            throw new LauncherException(repo.resolve("api") + " holds no usable API address: " + e.getMessage());
        }
        String host = socket.getHostString().contains(":") ? "[" + socket.getHostString() + "]" : socket.getHostString();
        return new ApiClient(URI.create("http://" + host + ":" + socket.getPort() + "/api/v0/"), Map.of());
    }

    /** POSTs a command with positional arguments and returns the JSON reply. */
    JsonNode call(String command, String... arguments) {
        JsonNode[] last = {JSON.createObjectNode()};
        stream(command, Map.of(), value -> last[0] = value, arguments);
        return last[0];
    }

    /** POSTs a command with options and positional arguments and returns the (last) JSON value of its reply. */
    JsonNode call(String command, Map<String, String> options, java.util.List<String> arguments) {
        JsonNode[] last = {JSON.createObjectNode()};
        stream(command, options, value -> last[0] = value, arguments.toArray(String[]::new));
        return last[0];
    }

    /** POSTs a command and hands each JSON value of its (possibly streamed, one per line) reply over as it arrives. */
    void stream(String command, Map<String, String> options, Consumer<JsonNode> each, String... arguments) {
        HttpRequest request = HttpRequest.newBuilder(uri(command, options, arguments)).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        readJson(send(request, HttpResponse.BodyHandlers.ofLines()), each);
    }

    /**
     * POSTs a command and returns its raw reply body (cat, get, dag/export) to be read to its end and closed; an error
     * reply becomes a one-line message.
     */
    InputStream download(String command, Map<String, String> options, String... arguments) {
        HttpRequest request = HttpRequest.newBuilder(uri(command, options, arguments)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            String text;
            try (InputStream body = response.body()) {
                text = new String(body.readNBytes(65536), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                text = "";
            }
            if (text.isEmpty()) {
                throw new LauncherException("the API answered " + response.statusCode());
            }
            throw new LauncherException(parse(text, response.statusCode()).path("Message").asText(text));
        }
        return response.body();
    }

    /** POSTs a streamed multipart body (add, dag/import) and hands each JSON value of the reply over as it arrives. */
    void upload(String command, Map<String, String> options, MultipartBody body, Consumer<JsonNode> each) {
        HttpRequest request = HttpRequest.newBuilder(uri(command, options)).version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", body.contentType())
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body::open),
                        body.length()))
                .build();
        readJson(send(request, HttpResponse.BodyHandlers.ofLines()), each);
    }

    private URI uri(String command, Map<String, String> options, String... arguments) {
        StringBuilder uri = new StringBuilder(base + command);
        char separator = '?';
        for (String argument : arguments) {
            uri.append(separator).append("arg=").append(URLEncoder.encode(argument, StandardCharsets.UTF_8));
            separator = '&';
        }
        Map<String, String> all = new LinkedHashMap<>(always);
        all.putAll(options);
        for (Map.Entry<String, String> option : all.entrySet()) {
            uri.append(separator).append(option.getKey()).append('=')
                    .append(URLEncoder.encode(option.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (MultipartBody.ReadFailure e) {
            throw new LauncherException(e.getMessage());
        } catch (IOException e) {
            Throwable cause = e;
            while (cause != null && !(cause instanceof MultipartBody.ReadFailure)) {
                cause = cause.getCause();
            }
            if (cause != null) {
                throw new LauncherException(cause.getMessage());
            }
            String reason = e instanceof java.net.ConnectException ? "connection refused (is the daemon running?)"
                    : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new LauncherException("cannot reach the node's API at " + base + ": " + reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted");
        }
    }

    private static void readJson(HttpResponse<Stream<String>> response, Consumer<JsonNode> each) {
        try (Stream<String> lines = response.body()) {
            Iterator<String> iterator = lines.filter(line -> !line.isBlank()).iterator();
            while (iterator.hasNext()) {
                String line = iterator.next();
                JsonNode value = parse(line, response.statusCode());
                if (response.statusCode() != 200) {
                    throw new LauncherException(value.path("Message").asText(line));
                }
                each.accept(value);
            }
        } catch (java.io.UncheckedIOException e) {
            throw new LauncherException("the API's reply broke off: " + e.getCause().getMessage());
        }
        if (response.statusCode() != 200) {
            throw new LauncherException("the API answered " + response.statusCode());
        }
    }

    private static JsonNode parse(String line, int status) {
        try {
            return JSON.readTree(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new LauncherException("the API answered " + status + ": " + line.trim());
        }
    }

    /** Renders a reply as indented JSON, as kubo's client prints it. */
    static String pretty(JsonNode value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
