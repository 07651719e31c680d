package io.ipfskit.multiformats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Strict text forms of IP addresses: dotted quads, and IPv6 written as RFC 5952 recommends. */
final class InetText {

    private InetText() {
    }

    static byte[] parseIp4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address '" + text + "'");
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) parseDecimal(parts[i], 255, "IPv4 address '" + text + "'");
        }
        return address;
    }

    static String formatIp4(byte[] address, int offset) {
        return (address[offset] & 0xff) + "." + (address[offset + 1] & 0xff) + "." + (address[offset + 2] & 0xff) + "."
            + (address[offset + 3] & 0xff);
    }

    /** Parses a decimal number without sign or leading zeros, at most {@code max}. */
    static int parseDecimal(String text, int max, String what) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || (text.length() > 1 && text.charAt(0) == '0') || Integer.parseInt(text) > max) {
            throw new IllegalArgumentException("invalid number '" + text + "' in " + what);
        }
        return Integer.parseInt(text);
    }

    static byte[] parseIp6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw new IllegalArgumentException("invalid IPv6 address '" + text + "': more than one '::'");
        }
        List<Integer> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0, text);
        List<Integer> tail = gap < 0 ? List.of() : groups(text.substring(gap + 2), true, text);
        int count = head.size() + tail.size();
        if (gap < 0 ? count != 8 : count > 7) {
            throw new IllegalArgumentException("invalid IPv6 address '" + text + "': wrong number of groups");
        }
        byte[] address = new byte[16];
        for (int i = 0; i < head.size(); i++) {
            putGroup(address, i, head.get(i));
        }
        for (int i = 0; i < tail.size(); i++) {
            putGroup(address, 8 - tail.size() + i, tail.get(i));
        }
        return address;
    }

    /** Splits colon-separated hex groups; the last may be a dotted quad (two groups) if {@code last}. */
    private static List<Integer> groups(String part, boolean last, String text) {
        List<Integer> groups = new ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (last && i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                byte[] ip4 = parseIp4(piece);
                groups.add((ip4[0] & 0xff) << 8 | (ip4[1] & 0xff));
                groups.add((ip4[2] & 0xff) << 8 | (ip4[3] & 0xff));
            } else if (!piece.isEmpty() && piece.length() <= 4 && piece.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                groups.add(Integer.parseInt(piece, 16));
            } else {
                throw new IllegalArgumentException("invalid IPv6 address '" + text + "'");
            }
        }
        return groups;
    }

    private static void putGroup(byte[] address, int index, int group) {
        address[2 * index] = (byte) (group >>> 8);
        address[2 * index + 1] = (byte) group;
    }

    /** Formats 16 bytes: "::ffff:" plus a dotted quad for IPv4-mapped addresses, else RFC 5952. */
    static String formatIp6(byte[] address) {
        if (Arrays.equals(address, 0, 12, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1}, 0, 12)) {
            return "::ffff:" + formatIp4(address, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xff) << 8 | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }
}
