package io.ipfskit.launcher;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A client verb: takes {@code --repo} (here or on a parent) and talks to that repo's running node. */
abstract class ClientVerb implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    RepoOption repo;

    /** The API client of the nearest {@code --repo}, with the global request options. */
    ApiClient client() {
        return Verbs.client(spec);
    }
}
