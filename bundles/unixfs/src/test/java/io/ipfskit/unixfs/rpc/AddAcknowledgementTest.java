package io.ipfskit.unixfs.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.api.admin.RpcRequest;
import io.ipfskit.api.admin.RpcResponse;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.multiformats.Multihash;
import io.ipfskit.unixfs.testing.MemoryRepo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AddAcknowledgementTest {

    /**
     * Blocks are stored on other threads, slowly here; a file's reply line (what a client takes as stored) goes out
     * only once every put of the add so far has returned, and the root is then in the store.
     */
    @Test
    void aReplyLineWaitsForEveryBlockOfItsEntry() throws Exception {
        MemoryRepo repo = new MemoryRepo();
        AtomicInteger started = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Blockstore slow = new Blockstore() {
            @Override
            public Optional<byte[]> get(Cid cid) throws IOException {
                return repo.get(cid);
            }

            @Override
            public boolean has(Cid cid) throws IOException {
                return repo.has(cid);
            }

            @Override
            public OptionalInt size(Cid cid) throws IOException {
                return repo.size(cid);
            }

            @Override
            public void put(Cid cid, byte[] data) throws IOException {
                started.incrementAndGet();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                repo.put(cid, data);
                finished.incrementAndGet();
            }

            @Override
            public boolean delete(Cid cid) throws IOException {
                return repo.delete(cid);
            }

            @Override
            public void forEach(Consumer<Multihash> action) throws IOException {
                repo.forEach(action);
            }
        };
        String content = "x".repeat(5 * 1024);
        byte[] body = Calls.multipart("a", "application/octet-stream", content, "b", "application/octet-stream",
                content + "y");
        List<String> replies = new ArrayList<>();
        new AddCommand(slow, repo).execute(new RpcRequest("add", List.of(), Map.of("chunker", List.of("size-1024")),
                new ByteArrayInputStream(body), "multipart/form-data; boundary=" + Calls.BOUNDARY), new RpcResponse() {
                    @Override
                    public void json(Object value) {
                    }

                    @Override
                    public JsonStream jsonStream() {
                        return event -> {
                            assertEquals(started.get(), finished.get(), "no put in flight when a reply goes out");
                            String hash = (String) ((Map<?, ?>) event).get("Hash");
                            assertTrue(repo.has(Cid.parse(hash)), hash + " is stored when acknowledged");
                            replies.add(hash);
                        };
                    }

                    @Override
                    public OutputStream bytes(String contentType) {
                        return OutputStream.nullOutputStream();
                    }
                });
        assertEquals(2, replies.size());
        assertEquals(2 * 6 + 1, finished.get(), "a: 5 leaves and a root, b: 6 leaves and a root");
    }
}
