package io.ipfskit.gateway;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.testing.MemoryBlockstore;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.Importer;
import io.ipfskit.unixfs.car.CarReader;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Content in a memory blockstore (CIDv1, raw leaves, 256 KiB chunks) and a gateway over it: a text file, a 1 MiB
 * random file (4 leaves), a 1 MiB file of zeros (4 identical leaves), a directory holding them and a subdirectory with
 * an {@code index.html}.
 */
final class Fixture {

    static final byte[] HELLO = "hello, gateway\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] INDEX = "<!DOCTYPE html><p>index</p>".getBytes(StandardCharsets.UTF_8);
    static final int BIG_SIZE = 1 << 20;

    final MemoryBlockstore store = new MemoryBlockstore();
    final byte[] big = new byte[BIG_SIZE];
    final Cid hello;
    final Cid bigFile;
    final Cid zeros;
    final Cid index;
    final Cid site;
    final Cid dir;
    final Gateway gateway = new Gateway(codec -> null);

    Fixture() throws IOException {
        new Random(7).nextBytes(big);
        Importer importer = new Importer(new ImportOptions(1, true, ImportOptions.DEFAULT_CHUNK_SIZE, false), store::put);
        Imported helloFile = importer.file(new ByteArrayInputStream(HELLO));
        Imported bigImported = importer.file(new ByteArrayInputStream(big));
        Imported zerosImported = importer.file(new ByteArrayInputStream(new byte[BIG_SIZE]));
        Imported indexFile = importer.file(new ByteArrayInputStream(INDEX));
        Imported siteDir = importer.directory(Map.of("index.html", indexFile, "hello.txt", helloFile));
        Imported root = importer.directory(Map.of("hello.txt", helloFile, "big.bin", bigImported, "zeros",
                zerosImported, "site", siteDir, "a b&c.txt", helloFile));
        hello = helloFile.cid();
        bigFile = bigImported.cid();
        zeros = zerosImported.cid();
        index = indexFile.cid();
        site = siteDir.cid();
        dir = root.cid();
    }

    /** The reply to a request (headers as name/value pairs), its body written unless {@code HEAD}. */
    Response request(String method, String uri, String... headerPairs) throws IOException {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.add(headerPairs[i], headerPairs[i + 1]);
        }
        Reply reply;
        try {
            GatewayRequest request = GatewayRequest.parse(HttpMethod.valueOf(method), uri, headers);
            try (Retrieval retrieval = new Retrieval(null, store, Duration.ofSeconds(5))) {
                reply = gateway.serve(request, retrieval);
            }
        } catch (GatewayException e) {
            reply = Reply.error(e.status(), e.getMessage(), Map.of());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (reply.body() != null) {
            reply.body().write(body);
        }
        return new Response(reply, body.toByteArray());
    }

    Response get(String uri, String... headerPairs) throws IOException {
        return request("GET", uri, headerPairs);
    }

    /** A reply with its body. */
    record Response(Reply reply, byte[] body) {
        int status() {
            return reply.status();
        }

        String header(String name) {
            return reply.headers().get(name);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body as a CAR: its blocks' CIDs in order (each verified by the reader). */
        Car car() throws IOException {
            List<Cid> blocks = new ArrayList<>();
            List<Cid> roots = CarReader.read(new ByteArrayInputStream(body), (cid, block) -> blocks.add(cid));
            return new Car(roots, blocks);
        }
    }

    /** A CAR's roots and blocks. */
    record Car(List<Cid> roots, List<Cid> blocks) {
    }
}
