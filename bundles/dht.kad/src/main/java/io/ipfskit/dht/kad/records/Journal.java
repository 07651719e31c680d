package io.ipfskit.dht.kad.records;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.ipfskit.multiformats.Multiaddr;
import io.ipfskit.multiformats.PeerId;
import io.ipfskit.multiformats.Varint;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The record store's file: an append-only log of provider and value records, each a uvarint length, a small protobuf
 * {kind 1, key 2, peer 3, addresses 4, value 5, time 6} and its CRC-32. Replaying stops at the first entry that is torn
 * or corrupt (a crash mid-write) and cuts the file there; {@link #rewrite} replaces the log with the live records
 * (write to a temporary file, force it, rename it over). Not thread-safe: the store calls it under its lock.
 */
public final class Journal implements Closeable {

    /** Kind of an entry: a provider record. */
    public static final int PROVIDER = 1;
    /** Kind of an entry: a value record. */
    public static final int VALUE = 2;

    private static final int MAX_ENTRY = 1 << 20;

    /** One logged record: a provider (key, peer, addresses) or a value (key, value, the peer that put it). */
    public record Entry(int kind, byte[] key, PeerId peer, List<Multiaddr> addresses, byte[] value, long time) {
    }

    private final Path file;
    private OutputStream out;
    private long size;

    /** Opens (creating its directory) the log at {@code file}. */
    public Journal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
    }

    /** Hands every intact entry to the sink, in order, cuts off a torn tail, and opens the log for appending. */
    public void replay(Consumer<Entry> sink) throws IOException {
        long good = 0;
        if (Files.exists(file)) {
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
                Framed next;
                while ((next = read(in)) != null) {
                    sink.accept(next.entry());
                    good += next.size();
                }
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(good);
            }
        }
        size = good;
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                64 * 1024);
    }

    /** Appends an entry (buffered until {@link #flush}). */
    public void append(Entry entry) throws IOException {
        byte[] framed = frame(entry);
        out.write(framed);
        size += framed.length;
    }

    /** Writes what is buffered to the file. */
    public void flush() throws IOException {
        out.flush();
    }

    /** Bytes in the log. */
    public long size() {
        return size;
    }

    /** Replaces the log by exactly these entries, atomically. */
    public void rewrite(List<Entry> live) throws IOException {
        out.close();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long written = 0;
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (Entry e : live) {
                ByteBuffer b = ByteBuffer.wrap(frame(e));
                written += b.remaining();
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        size = written;
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND), 64 * 1024);
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private static byte[] frame(Entry e) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        CodedOutputStream o = CodedOutputStream.newInstance(body);
        try {
            o.writeUInt32(1, e.kind());
            o.writeByteArray(2, e.key());
            if (e.peer() != null) {
                o.writeByteArray(3, e.peer().bytes());
            }
            for (Multiaddr a : e.addresses()) {
                o.writeByteArray(4, a.bytes());
            }
            if (e.value() != null) {
                o.writeByteArray(5, e.value());
            }
            o.writeInt64(6, e.time());
            o.flush();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        byte[] bytes = body.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ByteArrayOutputStream framed = new ByteArrayOutputStream(bytes.length + 9);
        framed.writeBytes(Varint.encode(bytes.length));
        framed.writeBytes(bytes);
        framed.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        return framed.toByteArray();
    }

    /** An entry read back, with the bytes it took in the file. */
    private record Framed(Entry entry, long size) {
    }

    /** The next intact entry with its framed size, or null at the end or at a torn or corrupt entry. */
    private static Framed read(InputStream in) throws IOException {
        long length;
        int prefix;
        try {
            length = Varint.read(in);
            prefix = Varint.size(length);
        } catch (IOException | IllegalArgumentException torn) {
            return null;
        }
        if (length <= 0 || length > MAX_ENTRY) {
            return null;
        }
        byte[] body = in.readNBytes((int) length);
        byte[] crc = in.readNBytes(4);
        if (body.length != length || crc.length != 4) {
            return null;
        }
        CRC32 check = new CRC32();
        check.update(body);
        if ((int) check.getValue() != ByteBuffer.wrap(crc).getInt()) {
            return null;
        }
        try {
            return new Framed(decode(body), prefix + body.length + 4);
        } catch (IOException | IllegalArgumentException corrupt) {
            return null;
        }
    }

    private static Entry decode(byte[] body) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(body);
        int kind = 0;
        byte[] key = null;
        PeerId peer = null;
        List<Multiaddr> addresses = new ArrayList<>();
        byte[] value = null;
        long time = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> kind = in.readUInt32();
                case 2 -> key = in.readByteArray();
                case 3 -> peer = PeerId.fromBytes(in.readByteArray());
                case 4 -> addresses.add(Multiaddr.decode(in.readByteArray()));
                case 5 -> value = in.readByteArray();
                case 6 -> time = in.readInt64();
                default -> in.skipField(tag);
            }
        }
        if (key == null || (kind == PROVIDER && peer == null) || (kind == VALUE && value == null)) {
            throw new IOException("incomplete entry");
        }
        return new Entry(kind, key, peer, addresses, value, time);
    }
}
