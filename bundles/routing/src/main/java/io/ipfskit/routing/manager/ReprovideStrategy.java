package io.ipfskit.routing.manager;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a reprovide announces, as kubo's {@code Reprovider.Strategy}: every stored block ({@code all}), the blocks of
 * pinned DAGs ({@code pinned}: direct and recursive roots first, then what recursive pins reach), or the pin roots only
 * ({@code roots}). Each block once.
 */
enum ReprovideStrategy {
    ALL, PINNED, ROOTS;

    /** The configured name: {@code all}, {@code pinned} or {@code roots}. */
    String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The strategy of a configured name; any other name is an IllegalArgumentException naming the valid ones. */
    static ReprovideStrategy of(String value) {
        for (ReprovideStrategy strategy : values()) {
            if (strategy.value().equals(value)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("unknown reprovide strategy \"" + value + "\", expected one of "
                + String.join(", ", Arrays.stream(values()).map(ReprovideStrategy::value).toList()));
    }
}
