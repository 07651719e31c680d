package io.ipfskit.discovery.bootstrap;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Looks up the TXT records of a DNS name: one string per record (its character-strings joined). */
@FunctionalInterface
interface TxtLookup {

    /** The TXT records of the name; fails when the query fails. */
    CompletionStage<List<String>> txt(String name);
}
