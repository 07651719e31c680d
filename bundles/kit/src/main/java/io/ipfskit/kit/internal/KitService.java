package io.ipfskit.kit.internal;

import io.ipfskit.api.kit.AddOptions;
import io.ipfskit.api.kit.DirectoryEntry;
import io.ipfskit.api.exchange.BlockService;
import io.ipfskit.api.exchange.FetchOptions;
import io.ipfskit.api.kit.IpfsKit;
import io.ipfskit.api.storage.Blockstore;
import io.ipfskit.api.storage.GcLock;
import io.ipfskit.api.storage.PinType;
import io.ipfskit.api.storage.Pinning;
import io.ipfskit.api.storage.RepoStat;
import io.ipfskit.multiformats.Cid;
import io.ipfskit.unixfs.BlockSink;
import io.ipfskit.unixfs.ImportOptions;
import io.ipfskit.unixfs.Imported;
import io.ipfskit.unixfs.Importer;
import io.ipfskit.unixfs.SessionBlocks;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@link IpfsKit} over the node's {@link Blockstore} and {@link Pinning}: the unixfs importer writes each block as it is
 * made (GC held off from the first block to the pin) and reads go block by block through a session of the node's
 * {@link BlockService} (fetching what the node lacks) or the blockstore alone, so no file is ever held whole.
 */
@Component(service = IpfsKit.class)
public final class KitService implements IpfsKit {

    private final Blockstore blockstore;
    private final Pinning pinning;

    /** The block service, while one runs: reads fetch what the node lacks through it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BlockService service;

    /** The kit over the node's blockstore and pins. */
    @Activate
    public KitService(@Reference Blockstore blockstore, @Reference Pinning pinning) {
        this.blockstore = blockstore;
        this.pinning = pinning;
    }

    @Override
    public Cid add(byte[] data) throws IOException {
        return add(new ByteArrayInputStream(data), AddOptions.DEFAULTS);
    }

    @Override
    public Cid add(InputStream in, AddOptions options) throws IOException {
        if (options.wrapWithDirectory()) {
            throw new IllegalArgumentException("wrapWithDirectory needs an entry name: add a Path instead");
        }
        try (GcLock hold = pinning.gcLock()) {
            return pinned(importer(options).file(in));
        }
    }

    @Override
    public Cid add(Path path) throws IOException {
        return add(path, AddOptions.DEFAULTS);
    }

    @Override
    public Cid add(Path path, AddOptions options) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new NoSuchFileException(path.toString());
        }
        Path name = path.toAbsolutePath().normalize().getFileName();
        if (options.wrapWithDirectory() && name == null) {
            throw new IllegalArgumentException("cannot wrap a file system root: " + path);
        }
        Importer importer = importer(options);
        try (GcLock hold = pinning.gcLock()) {
            Imported imported = importer.path(path, false);
            if (options.wrapWithDirectory()) {
                imported = importer.wrap(name.toString(), imported);
            }
            return pinned(imported);
        }
    }

    @Override
    public InputStream cat(Cid cid) throws IOException {
        return cat(cid, 0, -1);
    }

    @Override
    public InputStream cat(Cid cid, long offset, long length) throws IOException {
        SessionBlocks session = session();
        try {
            InputStream content = new KitReader(session).cat(cid, offset, length);
            return new FilterInputStream(content) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        session.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    public void get(Cid cid, Path target) throws IOException {
        try (SessionBlocks session = session()) {
            new KitReader(session).get(cid, target);
        }
    }

    @Override
    public List<DirectoryEntry> ls(Cid cid) throws IOException {
        try (SessionBlocks session = session()) {
            return new KitReader(session).ls(cid);
        }
    }

    @Override
    public DirectoryEntry resolve(Cid root, String path) throws IOException {
        try (SessionBlocks session = session()) {
            return new KitReader(session).resolve(root, path);
        }
    }

    @Override
    public void pin(Cid cid, boolean recursive) throws IOException {
        try (SessionBlocks session = session()) {
            pinning.pin(cid, recursive ? PinType.RECURSIVE : PinType.DIRECT, session::get);
        } catch (NoSuchElementException e) {
            throw new NoSuchFileException(cid.toString(), null, e.getMessage());
        }
    }

    @Override
    public boolean unpin(Cid cid) throws IOException {
        return pinning.unpin(cid);
    }

    @Override
    public RepoStat stat() throws IOException {
        return pinning.stat();
    }

    private Importer importer(AddOptions options) {
        return new Importer(new ImportOptions(options.cidVersion(), options.rawLeaves(), options.chunkSize(),
                options.trickle()), BlockSink.into(blockstore));
    }

    private Cid pinned(Imported imported) throws IOException {
        pin(imported.cid(), true);
        return imported.cid();
    }

    /** The blocks of one call: through the block service when one runs (fetching what the node lacks), else local. */
    private SessionBlocks session() {
        return SessionBlocks.open(service, blockstore, FetchOptions.DEFAULTS);
    }

}
