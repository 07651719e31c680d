package io.ipfskit.launcher;

import java.util.Comparator;
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
