package io.ipfskit.unixfs.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes a POSIX (ustar) tar stream of directories, files and symlinks, with PAX records for long paths and large sizes. */
final class TarWriter {

    private static final int BLOCK = 512;
    private static final long MAX_USTAR_SIZE = 077777777777L;

    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Writes a directory entry. */
    void directory(String path) throws IOException {
        header(path + "/", 0, '5', 0755, "");
    }

    /** Writes a symbolic link entry. */
    void symlink(String path, String target) throws IOException {
        header(path, 0, '2', 0777, target);
    }

    /** Writes a file entry whose content is exactly {@code size} bytes read from {@code content}. */
    void file(String path, long size, InputStream content) throws IOException {
        header(path, size, '0', 0644, "");
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException("file " + path + " gave " + copied + " bytes, not " + size);
        }
        pad(size);
    }

    /** Writes the two zero blocks that end the archive. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
    }

    private void header(String path, long size, char type, int mode, String link) throws IOException {
        boolean longName = path.getBytes(StandardCharsets.UTF_8).length > 100;
        boolean longLink = link.getBytes(StandardCharsets.UTF_8).length > 100;
        if (longName || longLink || size > MAX_USTAR_SIZE) {
            StringBuilder records = new StringBuilder();
            if (longName) {
                records.append(record("path", path));
            }
            if (longLink) {
                records.append(record("linkpath", link));
            }
            if (size > MAX_USTAR_SIZE) {
                records.append(record("size", Long.toString(size)));
            }
            byte[] pax = records.toString().getBytes(StandardCharsets.UTF_8);
            out.write(block("PaxHeader", pax.length, 'x', 0644, ""));
            out.write(pax);
            pad(pax.length);
        }
        out.write(block(path, size > MAX_USTAR_SIZE ? 0 : size, type, mode, link));
    }

    private static byte[] block(String path, long size, char type, int mode, String link) {
        byte[] header = new byte[BLOCK];
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
        byte[] target = link.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(target, 0, header, 157, Math.min(100, target.length));
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 6);
        header[263] = '0';
        header[264] = '0';
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xFF;
        }
        octal(header, 148, 7, sum);
        return header;
    }

    /** Writes {@code value} as zero-padded octal digits followed by a NUL in {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(length - 1 - digits.length()) + digits;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    /** A PAX record: its own decimal length, a space, key=value and a newline. */
    private static String record(String key, String value) {
        int body = 1 + key.length() + 1 + value.getBytes(StandardCharsets.UTF_8).length + 1;
        int length = body + Integer.toString(body).length();
        if (Integer.toString(length).length() != Integer.toString(body).length()) {
            length++;
        }
        return length + " " + key + "=" + value + "\n";
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }
}
