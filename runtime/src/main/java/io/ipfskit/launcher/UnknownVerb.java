package io.ipfskit.launcher;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** kubo's answer to a verb it does not know: {@code unknown command "ad" (did you mean "add"?)}. */
final class UnknownVerb {

    /** kubo suggests verbs at most this many edits away. */
    private static final LevenshteinDistance TYPO = new LevenshteinDistance(2);

    private UnknownVerb() {
    }

    /**
     * The error to report for {@code e}: an unknown verb picocli set aside on its way to a known one ({@code files ls}:
     * {@code files}), the outermost such, rather than what the known one then lacked; else {@code e}.
     */
    static ParameterException reported(ParameterException e) {
        ParameterException reported = e;
        for (CommandLine line = e.getCommandLine().getParent(); line != null; line = line.getParent()) {
            List<String> stray = line.getUnmatchedArguments();
            if (!stray.isEmpty() && !stray.get(0).startsWith("-")) {
                reported = new UnmatchedArgumentException(line, stray);
            }
        }
        return reported;
    }

    /** The message when {@code e} is an unknown verb of a command that has verbs, else empty. */
    static Optional<String> message(ParameterException e) {
        CommandLine command = e.getCommandLine();
        if (!(e instanceof UnmatchedArgumentException unmatched) || command.getSubcommands().isEmpty()
                || unmatched.getUnmatched().isEmpty() || unmatched.getUnmatched().get(0).startsWith("-")) {
            return Optional.empty();
        }
        String verb = unmatched.getUnmatched().get(0);
        Optional<String> closest = command.getSubcommands().keySet().stream().filter(name -> TYPO.apply(verb, name) >= 0)
                .min(Comparator.comparingInt((String name) -> TYPO.apply(verb, name)).thenComparing(Comparator.naturalOrder()));
        return Optional.of("unknown command \"" + verb + "\"" + closest.map(c -> " (did you mean \"" + c + "\"?)").orElse(""));
    }
}
