package io.ipfskit.itests.daemon;

import static io.ipfskit.itests.daemon.BitswapIT.address;
import static io.ipfskit.itests.daemon.BitswapIT.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Content;
import io.ipfskit.itests.support.Daemon;
import io.ipfskit.itests.support.Rpc;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.Exporter;
import io.ipfskit.unixfs.car.CarReader;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway of a real daemon over HTTP ({@code --gateway /ip4/127.0.0.1/tcp/0}, its address read from
 * {@code <repo>/gateway}): the trustless gateway's raw blocks (hashed against their CID) and CARs (every block
 * verified, the file read back from them alone), the path gateway's files with Range, HEAD and If-None-Match,
 * directory listings, index.html and the redirect, the spec's 400/404/406; and a miss served by a second daemon's
 * gateway over Bitswap. kubo and the gateway conformance suite are not run: neither is available offline here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final String IMMUTABLE = "public, max-age=29030400, immutable";

    @TempDir
    static Path temp;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Daemon a;
    private Daemon b;
    private Path repoA;
    private Path repoB;
    private Path file;
    private String fileCid;
    private Path dir;
    private String dirCid;

    @BeforeAll
    void twoDaemonsWithGateways() throws Exception {
        repoA = temp.resolve("a");
        repoB = temp.resolve("b");
        a = Daemon.start(arguments(repoA));
        b = Daemon.start(arguments(repoB));
        String line = a.awaitLine("Gateway server listening on ", LIMIT);
        a.awaitLine("Daemon is ready", LIMIT);
        b.awaitLine("Daemon is ready", LIMIT);
        assertEquals("Gateway server listening on " + Files.readString(repoA.resolve("gateway")).trim(), line.strip());
        file = Content.randomFile(temp.resolve("file.bin"), 3 * (1 << 20) + 17, 11);
        fileCid = ok(repoA, "add", "-Q", file.toString());
        dir = Files.createDirectories(temp.resolve("site"));
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        Content.randomFile(dir.resolve("data.bin"), 300_000, 12);
        Files.createDirectories(dir.resolve("web"));
        Files.writeString(dir.resolve("web").resolve("index.html"), "<!DOCTYPE html><p>home</p>\n");
        dirCid = ok(repoA, "add", "-r", "-Q", dir.toString());
    }

    @AfterAll
    void stop() throws Exception {
        for (Daemon daemon : new Daemon[] {a, b}) {
            if (daemon != null) {
                daemon.close();
            }
        }
    }

    private static String[] arguments(Path repo) {
        return new String[] {"daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
            "/ip4/127.0.0.1/tcp/0", "--gateway", "/ip4/127.0.0.1/tcp/0"};
    }

    private HttpResponse<byte[]> get(Path repo, String path, String... headers) throws Exception {
        return send(repo, "GET", path, headers);
    }

    private HttpResponse<byte[]> send(Path repo, String method, String path, String... headers) throws Exception {
        String[] address = Files.readString(repo.resolve("gateway")).trim().split("/");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address[2] + ":" + address[4] + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(LIMIT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    @Order(1)
    void aFileWithItsCachingHeadersRangeHeadAndNotModified() throws Exception {
        String path = "/ipfs/" + fileCid;
        HttpResponse<byte[]> whole = get(repoA, path);
        assertEquals(200, whole.statusCode());
        assertArrayEquals(Files.readAllBytes(file), whole.body());
        assertEquals("\"" + fileCid + "\"", header(whole, "Etag"));
        assertEquals(IMMUTABLE, header(whole, "Cache-Control"));
        assertEquals(path, header(whole, "X-Ipfs-Path"));
        assertEquals("application/octet-stream", header(whole, "Content-Type"));

        HttpResponse<byte[]> range = get(repoA, path, "Range", "bytes=1048570-2097160");
        assertEquals(206, range.statusCode());
        assertEquals("bytes 1048570-2097160/" + Files.size(file), header(range, "Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(Files.readAllBytes(file), 1048570, 2097161), range.body());

        HttpResponse<byte[]> head = send(repoA, "HEAD", path);
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(Files.size(file)), header(head, "Content-Length"));
        assertEquals(0, head.body().length);

        HttpResponse<byte[]> cached = get(repoA, path, "If-None-Match", "\"" + fileCid + "\"");
        assertEquals(304, cached.statusCode());
        assertEquals(0, cached.body().length);
    }

    @Test
    @Order(2)
    void aRawBlockHashesToItsCid() throws Exception {
        HttpResponse<byte[]> raw = get(repoA, "/ipfs/" + fileCid + "?format=raw");
        assertEquals(200, raw.statusCode());
        assertEquals("application/vnd.ipld.raw", header(raw, "Content-Type"));
        assertEquals("\"" + fileCid + ".raw\"", header(raw, "Etag"));
        assertEquals("nosniff", header(raw, "X-Content-Type-Options"));
        assertTrue(Cid.parse(fileCid).verify(raw.body()), "the body hashes to the CID");

        HttpResponse<byte[]> byAccept = get(repoA, "/ipfs/" + fileCid, "Accept", "application/vnd.ipld.raw");
        assertArrayEquals(raw.body(), byAccept.body());
        assertEquals("/ipfs/" + fileCid + "?format=raw", header(byAccept, "Content-Location"));
    }

    @Test
    @Order(3)
    void aCarHoldsEveryBlockVerifiedAndTheFileReadsBackFromItAlone() throws Exception {
        HttpResponse<byte[]> car = get(repoA, "/ipfs/" + fileCid, "Accept",
                "application/vnd.ipld.car; version=1; order=dfs; dups=y");
        assertEquals(200, car.statusCode());
        assertEquals("application/vnd.ipld.car; version=1; order=dfs; dups=y", header(car, "Content-Type"));
        Map<Cid, byte[]> blocks = new HashMap<>();
        List<Cid> order = new ArrayList<>();
        List<Cid> roots = CarReader.read(new ByteArrayInputStream(car.body()), (cid, block) -> {
            assertTrue(cid.verify(block), "block " + cid + " matches its CID");
            blocks.put(cid, block);
            order.add(cid);
        });
        assertEquals(List.of(Cid.parse(fileCid)), roots);
        assertEquals(Cid.parse(fileCid), order.get(0), "depth-first: the root first");
        try (InputStream in = new Exporter(cid -> Optional.ofNullable(blocks.get(cid))).cat(Cid.parse(fileCid), 0, -1)) {
            assertArrayEquals(Files.readAllBytes(file), in.readAllBytes(), "the CAR alone holds the whole file");
        }

        HttpResponse<byte[]> scoped = get(repoA, "/ipfs/" + dirCid + "/data.bin?format=car&dag-scope=block");
        List<Cid> pathAndBlock = new ArrayList<>();
        CarReader.read(new ByteArrayInputStream(scoped.body()), (cid, block) -> pathAndBlock.add(cid));
        assertEquals(2, pathAndBlock.size(), "the directory that verifies the path, then the file's root");
        assertEquals(Cid.parse(dirCid), pathAndBlock.get(0));
    }

    @Test
    @Order(4)
    void directoriesRedirectListAndServeTheirIndex() throws Exception {
        HttpResponse<byte[]> redirect = get(repoA, "/ipfs/" + dirCid);
        assertEquals(301, redirect.statusCode());
        assertEquals("/ipfs/" + dirCid + "/", header(redirect, "Location"));

        HttpResponse<byte[]> listing = get(repoA, "/ipfs/" + dirCid + "/");
        assertEquals(200, listing.statusCode());
        assertEquals("text/html; charset=utf-8", header(listing, "Content-Type"));
        String page = new String(listing.body(), StandardCharsets.UTF_8);
        for (String name : List.of("hello.txt", "data.bin", "web")) {
            assertTrue(page.contains("href=\"" + name + "\""), page);
        }

        HttpResponse<byte[]> index = get(repoA, "/ipfs/" + dirCid + "/web/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", header(index, "Content-Type"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("web").resolve("index.html")), index.body());

        HttpResponse<byte[]> text = get(repoA, "/ipfs/" + dirCid + "/hello.txt");
        assertEquals("text/plain; charset=utf-8", header(text, "Content-Type"));
        assertEquals("hello\n", new String(text.body(), StandardCharsets.UTF_8));
    }

    @Test
    @Order(5)
    void errorsAsTheSpecSays() throws Exception {
        assertEquals(404, get(repoA, "/ipfs/" + dirCid + "/nope").statusCode());
        assertEquals(400, get(repoA, "/ipfs/not-a-cid").statusCode());
        assertEquals(406, get(repoA, "/ipfs/" + fileCid + "?format=tar").statusCode());
        assertEquals(406, get(repoA, "/ipfs/" + fileCid, "Accept", "application/vnd.ipld.car; version=2").statusCode());
        assertEquals(405, send(repoA, "POST", "/ipfs/" + fileCid).statusCode());
    }

    @Test
    @Order(6)
    void aMissIsFetchedOverBitswapFromTheConnectedPeer() throws Exception {
        Path only = Content.randomFile(temp.resolve("only-a.bin"), 2 * (1 << 20) + 5, 13);
        String cid = ok(repoA, "add", "-Q", only.toString());
        assertEquals(412, get(repoB, "/ipfs/" + cid, "Cache-Control", "only-if-cached").statusCode(),
                "B does not hold it and only-if-cached keeps B off the network");
        ok(repoB, "swarm", "connect", address(new Rpc(repoA)));
        HttpResponse<byte[]> fetched = get(repoB, "/ipfs/" + cid);
        assertEquals(200, fetched.statusCode());
        assertArrayEquals(Files.readAllBytes(only), fetched.body(), "B's gateway serves A's file");
        assertEquals(200, get(repoB, "/ipfs/" + cid, "Cache-Control", "only-if-cached").statusCode(),
                "now it is in B's store");
    }
}
