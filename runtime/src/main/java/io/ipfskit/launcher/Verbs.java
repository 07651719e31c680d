package io.ipfskit.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** What the content verbs share: the API client of the nearest {@code --repo}, raw output to stdout or a file. */
final class Verbs {

    private Verbs() {
    }

    /**
     * The client for the global {@code --api}, else for the {@code --repo} given on this command or the nearest parent,
     * else for the default repo.
     */
    static ApiClient client(CommandSpec spec) {
        Main main = (Main) spec.root().userObject();
        ApiClient client = plain(spec, main);
        return main.json ? client.echoing(jsonOutput()) : client;
    }

    private static PrintStream jsonStdout;

    /**
     * With {@code --enc=json} the API's replies are the output: they go to the real stdout, and what the verb prints as
     * text goes nowhere.
     */
    private static synchronized PrintStream jsonOutput() {
        if (jsonStdout == null) {
            jsonStdout = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        }
        return jsonStdout;
    }

    private static ApiClient plain(CommandSpec spec, Main main) {
        Map<String, String> options = main.requestOptions();
        if (main.api != null) {
            return ApiClient.forAddress(main.api, "--api").with(options);
        }
        for (CommandSpec command = spec; command != null; command = command.parent()) {
            OptionSpec option = command.findOption("--repo");
            if (option != null && option.getValue() != null) {
                return ApiClient.forRepo(((Path) option.getValue()).toAbsolutePath().normalize()).with(options);
            }
        }
        return ApiClient.forRepo(RepoOption.resolve(null, null)).with(options);
    }

    /** Copies a reply body to the file (created, never overwritten) or, when it is null, to stdout. */
    static long copy(InputStream in, Path output, ProgressBar bar) {
        System.out.flush();
        OutputStream out;
        try {
            out = output == null ? new FileOutputStream(FileDescriptor.out)
                    : Files.newOutputStream(output, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new LauncherException(output + " already exists");
        } catch (IOException e) {
            throw new LauncherException("cannot write " + output + ": " + e.getMessage());
        }
        long total = 0;
        byte[] buffer = new byte[65536];
        try (in) {
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    throw new LauncherException("the API's reply broke off: " + e.getMessage());
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new LauncherException("cannot write " + (output == null ? "to stdout" : output) + ": "
                            + e.getMessage());
                }
                total += n;
                bar.update(total, "", false);
            }
            if (output != null) {
                out.close();
            } else {
                out.flush();
            }
        } catch (IOException e) {
            throw new LauncherException("cannot write " + (output == null ? "to stdout" : output) + ": " + e.getMessage());
        } finally {
            bar.clear();
        }
        return total;
    }
}
