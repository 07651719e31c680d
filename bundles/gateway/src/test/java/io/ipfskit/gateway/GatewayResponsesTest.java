package io.ipfskit.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The path and trustless gateway specs' cases as a table: request (method, URI, headers) to status and headers; a
 * header expected as null must be absent. Bodies are checked where the case says what they hold.
 */
class GatewayResponsesTest {

    private static final String IMMUTABLE = "public, max-age=29030400, immutable";
    private static final String ABSENT = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

    private final Fixture f;

    GatewayResponsesTest() throws IOException {
        f = new Fixture();
    }

    /** One row: a request and what the reply must say. */
    private record Case(String name, String method, String uri, List<String> requestHeaders, int status,
            Map<String, String> headers) {
    }

    private static Case row(String name, String uri, int status, String... expected) {
        return row(name, "GET", uri, List.of(), status, expected);
    }

    private static Case row(String name, String method, String uri, List<String> requestHeaders, int status,
            String... expected) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < expected.length; i += 2) {
            headers.put(expected[i], expected[i + 1]);
        }
        return new Case(name, method, uri, requestHeaders, status, headers);
    }

    private List<Case> table() {
        String file = "/ipfs/" + f.hello;
        String dir = "/ipfs/" + f.dir;
        String carDfsN = "application/vnd.ipld.car; version=1; order=dfs; dups=n";
        return List.of(
                row("file", file, 200, "Content-Type", "text/plain; charset=utf-8", "Etag", "\"" + f.hello + "\"",
                        "Cache-Control", IMMUTABLE, "X-Ipfs-Path", file, "X-Ipfs-Roots", f.hello.toString(),
                        "Accept-Ranges", "bytes", "X-Content-Type-Options", "nosniff", "Content-Disposition", null),
                row("file in a directory", dir + "/hello.txt", 200, "Content-Type", "text/plain; charset=utf-8",
                        "Etag", "\"" + f.hello + "\"", "X-Ipfs-Path", dir + "/hello.txt",
                        "X-Ipfs-Roots", f.dir + "," + f.hello),
                row("percent-encoded name", dir + "/a%20b%26c.txt", 200, "Etag", "\"" + f.hello + "\""),
                row("type by magic bytes", "/ipfs/" + f.index, 200, "Content-Type", "text/html; charset=utf-8"),
                row("binary sniffed", "/ipfs/" + f.bigFile, 200, "Content-Type", "application/octet-stream"),
                row("filename decides the type and disposition", file + "?filename=x.json", 200,
                        "Content-Type", "application/json",
                        "Content-Disposition", "inline; filename=\"x.json\"; filename*=UTF-8''x.json"),
                row("download=true", file + "?download=true", 200, "Content-Disposition", "attachment"),
                row("raw block by format", file + "?format=raw", 200, "Content-Type", "application/vnd.ipld.raw",
                        "Etag", "\"" + f.hello + ".raw\"", "X-Content-Type-Options", "nosniff",
                        "Content-Disposition", "attachment; filename=\"" + f.hello + ".bin\"", "Cache-Control", IMMUTABLE,
                        "Content-Location", null),
                row("raw block by Accept", "GET", file, List.of("Accept", "application/vnd.ipld.raw"), 200,
                        "Content-Type", "application/vnd.ipld.raw", "Content-Location", file + "?format=raw"),
                row("format wins over Accept", "GET", file + "?format=raw", List.of("Accept", "application/vnd.ipld.car"),
                        200, "Content-Type", "application/vnd.ipld.raw"),
                row("CAR by format", file + "?format=car", 200, "Content-Type", carDfsN, "X-Content-Type-Options",
                        "nosniff", "Content-Disposition", "attachment; filename=\"" + f.hello + ".car\"",
                        "Cache-Control", IMMUTABLE),
                row("CAR by Accept with parameters", "GET", file,
                        List.of("Accept", "application/vnd.ipld.car; version=1; order=dfs; dups=y"), 200,
                        "Content-Type", "application/vnd.ipld.car; version=1; order=dfs; dups=y",
                        "Content-Location", file + "?format=car"),
                row("CAR order=unk is served as dfs", "GET", file, List.of("Accept", "application/vnd.ipld.car; order=unk"),
                        200, "Content-Type", carDfsN),
                row("CAR query parameters win", file + "?format=car&car-dups=y", 200,
                        "Content-Type", "application/vnd.ipld.car; version=1; order=dfs; dups=y"),
                row("CAR preferences by q", "GET", file,
                        List.of("Accept", "application/vnd.ipld.car; version=2, application/vnd.ipld.raw; q=0.5"), 200,
                        "Content-Type", "application/vnd.ipld.raw"),
                row("CAR version 2 refused", "GET", file, List.of("Accept", "application/vnd.ipld.car; version=2"), 406),
                row("CAR order refused", file + "?format=car&car-order=foo", 406),
                row("CAR dups invalid", file + "?format=car&car-dups=maybe", 400),
                row("tar not served", file + "?format=tar", 406),
                row("tar by Accept not served", "GET", file, List.of("Accept", "application/x-tar"), 406),
                row("unknown format", file + "?format=foo", 400),
                row("browser Accept gets the file", "GET", file,
                        List.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"), 200,
                        "Content-Type", "text/plain; charset=utf-8"),
                row("invalid CID", "/ipfs/not-a-cid", 400),
                row("no such path", dir + "/nope", 404),
                row("path deeper than the bound", dir + "/a".repeat(GatewayRequest.MAX_SEGMENTS + 1), 400),
                row("path under a file", file + "/nope", 404),
                row("missing root", "/ipfs/" + ABSENT, 404),
                row("missing root as raw", "/ipfs/" + ABSENT + "?format=raw", 404),
                row("missing root as CAR", "/ipfs/" + ABSENT + "?format=car", 404),
                row("only-if-cached miss", "GET", "/ipfs/" + ABSENT, List.of("Cache-Control", "only-if-cached"), 412),
                row("directory without slash redirects", dir + "?x=1", 301, "Location", dir + "/?x=1"),
                row("directory listing", dir + "/", 200, "Content-Type", "text/html; charset=utf-8",
                        "Etag", "\"DirIndex-" + DirectoryIndex.VERSION + "_CID-" + f.dir + "\"", "Cache-Control", IMMUTABLE),
                row("index.html served", dir + "/site/", 200, "Content-Type", "text/html; charset=utf-8",
                        "Etag", "\"" + f.index + "\"", "X-Ipfs-Roots", f.dir + "," + f.site + "," + f.index),
                row("Range", "GET", file, List.of("Range", "bytes=0-4"), 206, "Content-Range", "bytes 0-4/" + Fixture.HELLO.length,
                        "Etag", "\"" + f.hello + "\"", "Cache-Control", IMMUTABLE),
                row("suffix Range", "GET", file, List.of("Range", "bytes=-3"), 206,
                        "Content-Range", "bytes " + (Fixture.HELLO.length - 3) + "-" + (Fixture.HELLO.length - 1) + "/"
                                + Fixture.HELLO.length),
                row("open Range across blocks", "GET", "/ipfs/" + f.bigFile, List.of("Range", "bytes=262000-"), 206,
                        "Content-Range", "bytes 262000-" + (Fixture.BIG_SIZE - 1) + "/" + Fixture.BIG_SIZE),
                row("unsatisfiable Range", "GET", file, List.of("Range", "bytes=100-"), 416,
                        "Content-Range", "bytes */" + Fixture.HELLO.length),
                row("several ranges: the whole file", "GET", file, List.of("Range", "bytes=0-1,3-4"), 200),
                row("If-None-Match hit", "GET", file, List.of("If-None-Match", "\"" + f.hello + "\""), 304,
                        "Etag", "\"" + f.hello + "\"", "Cache-Control", IMMUTABLE),
                row("If-None-Match weak and listed", "GET", file, List.of("If-None-Match", "\"x\", W/\"" + f.hello + "\""), 304),
                row("If-None-Match miss", "GET", file, List.of("If-None-Match", "\"" + f.hello + ".raw\""), 200),
                row("If-None-Match raw", "GET", file + "?format=raw", List.of("If-None-Match", "\"" + f.hello + ".raw\""), 304),
                row("HEAD", "HEAD", file, List.of(), 200, "Etag", "\"" + f.hello + "\""),
                row("POST refused", "POST", file, List.of(), 405),
                row("IPNS not served", "/ipns/example.com", 501),
                row("outside /ipfs", "/favicon.ico", 404),
                row("bad dag-scope", file + "?format=car&dag-scope=some", 400),
                row("bad entity-bytes", file + "?format=car&entity-bytes=a:b", 400),
                row("entity-bytes outside the file", file + "?format=car&entity-bytes=100:*", 400),
                row("service worker at the root refused", "GET", file, List.of("Service-Worker", "script"), 400),
                row("identity probe raw", "/ipfs/bafkqaaa?format=raw", 200, "Content-Type", "application/vnd.ipld.raw"),
                row("identity probe CAR", "/ipfs/bafkqaaa?format=car", 200, "Content-Type", carDfsN));
    }

    @TestFactory
    Stream<DynamicTest> eachSpecCase() {
        return table().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Fixture.Response response = f.request(c.method(), c.uri(), c.requestHeaders().toArray(String[]::new));
            assertEquals(c.status(), response.status(), () -> c.uri() + ": " + response.text());
            c.headers().forEach((name, value) -> assertEquals(value, response.header(name), c.uri() + " header " + name));
        }));
    }

    @Test
    void bodiesHoldWhatTheHeadersSay() throws IOException {
        assertArrayEquals(Fixture.HELLO, f.get("/ipfs/" + f.hello).body());
        assertArrayEquals(Fixture.HELLO, f.get("/ipfs/" + f.hello + "?format=raw").body(), "a raw-leaf file is its block");
        byte[] range = f.get("/ipfs/" + f.bigFile, "Range", "bytes=262000-262299").body();
        assertArrayEquals(Arrays.copyOfRange(f.big, 262000, 262300), range, "a range across two leaves");
        assertArrayEquals(f.big, f.get("/ipfs/" + f.dir + "/big.bin").body());
        assertArrayEquals(Fixture.INDEX, f.get("/ipfs/" + f.dir + "/site/").body());
        assertEquals(0, f.get("/ipfs/bafkqaaa?format=raw").body().length);
        Fixture.Car probe = f.get("/ipfs/bafkqaaa?format=car").car();
        assertEquals(List.of(Cid.parse("bafkqaaa")), probe.roots());
        assertEquals(List.of(), probe.blocks(), "identity blocks are never sent");
    }

    @Test
    void aRawBlockHashesToItsCid() throws IOException {
        byte[] block = f.get("/ipfs/" + f.bigFile + "?format=raw").body();
        assertTrue(f.bigFile.verify(block));
        assertTrue(block.length < 4096, "the file's root node, not its bytes");
    }

    @Test
    void theListingNamesEveryEntryEscapedAndLinked() throws IOException {
        String page = f.get("/ipfs/" + f.dir + "/").text();
        for (String name : List.of("hello.txt", "big.bin", "zeros", "site")) {
            assertTrue(page.contains("href=\"" + name + "\""), name);
        }
        assertTrue(page.contains("href=\"a%20b%26c.txt\">a b&amp;c.txt</a>"), page);
        assertTrue(page.contains("href=\"/ipfs/" + f.hello + "\""), page);
        assertTrue(!page.contains("href=\"../\""), "no parent above the root");
    }

    @Test
    void headCarriesTheLengthButNoBodyIsWrittenByTheHandler() throws IOException {
        Fixture.Response head = f.request("HEAD", "/ipfs/" + f.bigFile);
        assertEquals(Fixture.BIG_SIZE, head.reply().length());
        assertNull(head.header("Content-Range"));
    }
}
