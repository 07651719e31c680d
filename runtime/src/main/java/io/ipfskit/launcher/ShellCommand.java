package io.ipfskit.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ipfs-kit shell [-c COMMAND]}: the Gogo shell of the running node over its owner-only socket; each reply ends
 * with a NUL byte, a status digit and a newline.
 */
@Command(name = "shell", mixinStandardHelpOptions = true, description = "Opens the Gogo shell of the running node.")
final class ShellCommand implements Callable<Integer> {

    @ParentCommand
    Main parent;

    @Mixin
    RepoOption repo;

    @Option(names = "-c", paramLabel = "COMMAND", description = "Runs one command, prints its result and exits with its status.")
    String command;

    @Override
    public Integer call() throws IOException {
        Path repoPath = RepoOption.resolve(repo, parent.repo);
        Path socket = repoPath.resolve("shell.sock");
        if (!Files.exists(socket)) {
            throw new LauncherException("no node is running on " + repoPath + " (start one with: ipfs-kit daemon)");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(channel);
            InputStream in = Channels.newInputStream(channel);
            if (command != null) {
                return send(command, out, in) ? 0 : 1;
            }
            return interactive(out, in);
        } catch (java.net.SocketException e) {
            throw new LauncherException("cannot open the shell of the node on " + repoPath + ": " + e.getMessage());
        }
    }

    private static int interactive(OutputStream out, InputStream in) throws IOException {
        boolean terminal = System.console() != null;
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean ok = true;
        while (true) {
            if (terminal) {
                System.out.print("ipfs-kit> ");
                System.out.flush();
            }
            String line = stdin.readLine();
            if (line == null || line.trim().equals("exit")) {
                return ok ? 0 : 1;
            }
            ok = send(line, out, in);
        }
    }

    /** Sends one command line and copies its reply to stdout; true if it succeeded. */
    private static boolean send(String line, OutputStream out, InputStream in) throws IOException {
        out.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        int b;
        while ((b = in.read()) > 0) {
            System.out.write(b);
        }
        System.out.flush();
        if (b < 0) {
            throw new LauncherException("the node closed the shell");
        }
        int status = in.read();
        in.read();
        return status == '0';
    }
}
