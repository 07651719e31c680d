package io.ipfskit.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * One client of the shell socket: each line received is a Gogo command; its output is sent back followed by a NUL
 * byte, a status digit (0 ok, 1 failed) and a newline, so a client knows where one reply ends.
 */
final class ShellSession implements Runnable {

    /** Longest command line accepted, in characters. */
    static final int MAX_LINE = 64 * 1024;

    private final CommandProcessor processor;
    private final SocketChannel client;

    ShellSession(CommandProcessor processor, SocketChannel client) {
        this.processor = processor;
        this.client = client;
    }

    @Override
    public void run() {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Channels.newOutputStream(client), false, StandardCharsets.UTF_8);
             CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.length() > MAX_LINE) {
                    out.print("Error: command longer than " + MAX_LINE + " characters");
                    end(out, false);
                    return;
                }
                end(out, execute(session, out, line));
            }
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private static boolean execute(CommandSession session, PrintStream out, String line) {
        if (line.isBlank()) {
            return true;
        }
        try {
            Object result = session.execute(line);
            if (result != null) {
                out.println(session.format(result, Converter.INSPECT));
            }
            return true;
        } catch (Exception e) {
            out.println("Error: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return false;
        }
    }

    private static void end(PrintStream out, boolean ok) {
        out.print('\0');
        out.print(ok ? '0' : '1');
        out.print('\n');
        out.flush();
    }
}
