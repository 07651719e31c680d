package io.ipfskit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.multiformats.Cid;
import io.ipfskit.testing.MemoryBlockstore;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A block that does not hash to its CID is never served: not as a raw block, a file, nor inside a CAR. */
class TamperedBlocksTest {

    private final Fixture f;
    private final Cid tampered;
    private final MemoryBlockstore lying;

    TamperedBlocksTest() throws IOException {
        f = new Fixture();
        tampered = Cid.parse(f.get("/ipfs/" + f.bigFile + "?format=car").car().blocks().get(2).toString());
        lying = new MemoryBlockstore() {
            @Override
            public Optional<byte[]> get(Cid cid) {
                Optional<byte[]> block = f.store.get(cid);
                if (cid.equals(tampered)) {
                    block = block.map(bytes -> {
                        byte[] copy = bytes.clone();
                        copy[0] ^= 1;
                        return copy;
                    });
                }
                return block;
            }
        };
    }

    private Reply serve(String uri) throws GatewayException {
        GatewayRequest request = GatewayRequest.parse(HttpMethod.GET, uri, new DefaultHttpHeaders());
        return f.gateway.serve(request, new Retrieval(null, lying, Duration.ofSeconds(5)));
    }

    @Test
    void aTamperedRawBlockIsAnError() throws GatewayException {
        Reply reply = serve("/ipfs/" + tampered + "?format=raw");
        assertEquals(500, reply.status());
    }

    @Test
    void aTamperedLeafCutsTheFileShort() throws GatewayException {
        Reply reply = serve("/ipfs/" + f.bigFile);
        assertEquals(200, reply.status(), "the root is sound: the status goes out before the leaf is read");
        IOException cut = assertThrows(IOException.class, () -> reply.body().write(new ByteArrayOutputStream()));
        assertTrue(cut.getMessage().contains("does not match"), cut.getMessage());
    }

    @Test
    void aTamperedBlockCutsTheCarShort() throws GatewayException {
        Reply reply = serve("/ipfs/" + f.bigFile + "?format=car");
        assertEquals(200, reply.status());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException cut = assertThrows(IOException.class, () -> reply.body().write(out));
        assertTrue(cut.getMessage().contains("does not match"), cut.getMessage());
        assertTrue(out.size() < 3 * (256 << 10), "nothing after the tampered block: " + out.size());
    }
}
