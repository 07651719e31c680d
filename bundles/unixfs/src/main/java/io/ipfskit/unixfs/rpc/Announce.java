package io.ipfskit.unixfs.rpc;

import io.ipfskit.api.discovery.ContentRouting;
import io.ipfskit.multiformats.Cid;
import java.util.Collection;

/**
 * Announces the roots of what an add or import stored, through the node's content routing manager when one runs
 * (in the background: the request does not wait; the reprovider announces every block later anyway).
 */
final class Announce {

    private static final System.Logger LOG = System.getLogger(Announce.class.getName());

    private Announce() {
    }

    static void roots(ContentRouting routing, Collection<Cid> roots) {
        if (routing == null) {
            return;
        }
        for (Cid root : roots) {
            routing.provide(root).whenComplete((done, failed) -> {
                if (failed != null) {
                    LOG.log(System.Logger.Level.DEBUG, "announcing {0} failed: {1}", root, failed.getMessage());
                }
            });
        }
    }
}
