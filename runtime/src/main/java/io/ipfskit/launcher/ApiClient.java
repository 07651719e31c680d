package io.ipfskit.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/** Calls the running node's RPC API, found through {@code <repo>/api}; errors come back as one-line messages. */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONNECT_TIMEOUT_MILLIS = 5000;
    private static final int CHUNK = 65536;

    private final URI base;
    private final Map<String, String> always;
    private final PrintStream echo;

    private ApiClient(URI base, Map<String, String> always, PrintStream echo) {
        this.base = base;
        this.always = always;
        this.echo = echo;
    }

    /** The same client adding these options to every request (kubo's global {@code offline}, {@code timeout}). */
    ApiClient with(Map<String, String> options) {
        Map<String, String> merged = new LinkedHashMap<>(always);
        merged.putAll(options);
        return new ApiClient(base, Map.copyOf(merged), echo);
    }

    /** The same client printing every JSON value of every reply, compact on one line, to {@code out} ({@code --enc=json}). */
    ApiClient echoing(PrintStream out) {
        return new ApiClient(base, always, out);
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
        return forAddress(text, repo.resolve("api").toString());
    }

    /** A client for the API at a multiaddr ({@code /ip4/127.0.0.1/tcp/5001}) read from {@code source}. */
    static ApiClient forAddress(String text, String source) {
        InetSocketAddress socket;
        try {
            Multiaddr address = Multiaddr.parse(text.trim());
            socket = address.toSocketAddress().filter(s -> address.valueOf(Protocol.TCP).isPresent())
                    .orElseThrow(() -> new IllegalArgumentException("not a tcp address"));
        } catch (IllegalArgumentException e) {
            throw new LauncherException(source + " holds no usable API address: " + e.getMessage());
        }
        String host = socket.getHostString().contains(":") ? "[" + socket.getHostString() + "]" : socket.getHostString();
        return new ApiClient(URI.create("http://" + host + ":" + socket.getPort() + "/api/v0/"), Map.of(), null);
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
        HttpURLConnection connection = connect(uri(command, options, arguments));
        try {
            sendEmpty(connection);
            readJson(reply(connection), each);
        } finally {
            connection.disconnect();
        }
    }

    /**
     * POSTs a command and returns its raw reply body (cat, get, dag/export) to be read to its end and closed; an error
     * reply becomes a one-line message.
     */
    InputStream download(String command, Map<String, String> options, String... arguments) {
        HttpURLConnection connection = connect(uri(command, options, arguments));
        sendEmpty(connection);
        return reply(connection);
    }

    /**
     * POSTs a streamed multipart body (add, dag/import), telling {@code sent} the bytes sent so far as they go, then
     * hands each JSON value of the reply over as it arrives.
     */
    void upload(String command, Map<String, String> options, MultipartBody body, LongConsumer sent,
            Consumer<JsonNode> each) {
        HttpURLConnection connection = connect(uri(command, options));
        try {
            connection.setRequestProperty("Content-Type", body.contentType());
            connection.setDoOutput(true);
            long length = body.length();
            if (length >= 0) {
                connection.setFixedLengthStreamingMode(length);
            } else {
                connection.setChunkedStreamingMode(CHUNK);
            }
            try (InputStream in = body.open(); OutputStream out = output(connection)) {
                byte[] buffer = new byte[CHUNK];
                long total = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    total += n;
                    sent.accept(total);
                }
            } catch (MultipartBody.ReadFailure e) {
                throw new LauncherException(e.getMessage());
            } catch (IOException e) {
                // The node may have answered (and closed) before taking the whole body: its answer says why.
                LauncherException refusal = refusal(connection);
                throw refusal != null ? refusal : new LauncherException("the node stopped reading the upload: " + reason(e));
            }
            readJson(reply(connection), each);
        } finally {
            connection.disconnect();
        }
    }

    private HttpURLConnection connect(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setUseCaches(false);
            return connection;
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private void sendEmpty(HttpURLConnection connection) {
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(0);
        try {
            output(connection).close();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    private OutputStream output(HttpURLConnection connection) {
        try {
            return connection.getOutputStream();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The body of a 200 reply; any other status becomes the node's one-line message. */
    private InputStream reply(HttpURLConnection connection) {
        LauncherException refusal = refusal(connection);
        if (refusal != null) {
            throw refusal;
        }
        try {
            return connection.getInputStream();
        } catch (IOException e) {
            throw unreachable(e);
        }
    }

    /** The node's one-line message when it answered anything but 200, else null. */
    private LauncherException refusal(HttpURLConnection connection) {
        int status;
        try {
            status = connection.getResponseCode();
        } catch (IOException e) {
            throw unreachable(e);
        }
        if (status == HttpURLConnection.HTTP_OK) {
            return null;
        }
        String text = "";
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                text = new String(error.readNBytes(65536), StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            // the status alone is the message
        }
        if (text.isEmpty()) {
            return new LauncherException("the API answered " + status);
        }
        String first = text.lines().findFirst().orElse(text);
        try {
            return new LauncherException(parse(first, status).path("Message").asText(text));
        } catch (LauncherException notJson) {
            return notJson;
        }
    }

    private LauncherException unreachable(IOException e) {
        String reason = e instanceof java.net.ConnectException ? "connection refused (is the daemon running?)" : reason(e);
        return new LauncherException("cannot reach the node's API at " + base + ": " + reason);
    }

    private static String reason(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
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

    private void readJson(InputStream body, Consumer<JsonNode> each) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode value = parse(line, HttpURLConnection.HTTP_OK);
                    if (echo != null) {
                        echo.println(JSON.writeValueAsString(value));
                        echo.flush();
                    }
                    each.accept(value);
                }
            }
        } catch (IOException e) {
            throw new LauncherException("the API's reply broke off: " + reason(e));
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
