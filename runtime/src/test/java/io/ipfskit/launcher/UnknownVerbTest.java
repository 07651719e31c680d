package io.ipfskit.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** kubo's one line for a verb it does not know, also when a known verb follows it ({@code files ls}). */
class UnknownVerbTest {

    private static String error(String... args) {
        CommandLine line = Main.commandLine();
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err, true));
        assertEquals(1, line.execute(args), "kubo's exit status for bad usage");
        return err.toString().strip();
    }

    @Test
    void anUnknownVerbBeforeAKnownOneIsNamedNotTheKnownOnesMissingArgument() {
        assertEquals("Error: unknown command \"files\" (see ipfs-kit --help)", error("files", "ls"));
        assertEquals("Error: unknown command \"object\" (see ipfs-kit --help)", error("object", "stat", "QmX"));
        assertEquals("Error: unknown command \"remote\" (see ipfs-kit pin --help)", error("pin", "remote", "ls"));
    }

    @Test
    void aKnownVerbsOwnErrorsAreUnchanged() {
        assertEquals("Error: Missing required parameter: 'CID' (see ipfs-kit ls --help)", error("ls"));
        assertEquals("Error: Missing required parameter: 'CID' (see ipfs-kit refs --help)", error("refs"),
                "refs takes a verb (local) too, and still needs a CID without one");
        assertEquals("Error: unknown command \"ad\" (did you mean \"add\"?) (see ipfs-kit --help)", error("ad", "x"));
    }
}
