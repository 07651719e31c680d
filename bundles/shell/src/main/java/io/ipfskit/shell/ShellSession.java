package io.ipfskit.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * One client of the shell socket: each line received is a Gogo command; its output is sent back followed by a NUL
 * byte, a status digit (0 ok, 1 failed) and a newline, so a client knows where one reply ends. {@link #end()} closes it
 * when idle, else once the running command's reply is sent.
 */
final class ShellSession implements Runnable {

    /** Longest command line accepted, in characters. */
    static final int MAX_LINE = 64 * 1024;

    private final CommandProcessor processor;
    private final SocketChannel client;
    private final Consumer<ShellSession> ended;
    private boolean busy;
    private boolean ending;

    ShellSession(CommandProcessor processor, SocketChannel client, Consumer<ShellSession> ended) {
        this.processor = processor;
        this.client = client;
        this.ended = ended;
    }

    /** Ends the session: closes it now when no command runs, else after the running command's reply. */
    synchronized void end() {
        ending = true;
        if (!busy) {
            closeQuietly();
        }
    }

    private synchronized boolean begin() {
        busy = !ending;
        return busy;
    }

    private synchronized boolean done() {
        busy = false;
        return !ending;
    }

    private void closeQuietly() {
        try {
            client.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void run() {
        try (client;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(Channels.newOutputStream(client), false, StandardCharsets.UTF_8);
             CommandSession session = processor.createSession(InputStream.nullInputStream(), out, out)) {
            String line;
            while ((line = in.readLine()) != null && begin()) {
                if (line.length() > MAX_LINE) {
                    out.print("Error: command longer than " + MAX_LINE + " characters");
                    reply(out, false);
                    return;
                }
                reply(out, execute(session, out, line));
                if (!done()) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or the session was ended while idle; nothing to answer
        } finally {
            ended.accept(this);
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

    private static void reply(PrintStream out, boolean ok) {
        out.print('\0');
        out.print(ok ? '0' : '1');
        out.print('\n');
        out.flush();
    }
}
