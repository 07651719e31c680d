package io.ipfskit.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipfskit.codec.dagpb.DagPb;
import io.ipfskit.codec.dagpb.PbLink;
import io.ipfskit.multiformats.Cid;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CAR responses: which blocks, in which order, for each dag-scope, entity-bytes and dups value, with a path. */
class CarResponsesTest {

    private final Fixture f;
    private final List<Cid> bigLeaves;

    CarResponsesTest() throws IOException {
        f = new Fixture();
        bigLeaves = DagPb.decode(f.store.get(f.bigFile).orElseThrow()).links().stream().map(PbLink::hash).toList();
    }

    private Fixture.Car car(String uri) throws IOException {
        Fixture.Response response = f.get(uri);
        assertEquals(200, response.status(), response.text());
        return response.car();
    }

    private List<Cid> fileDag() {
        List<Cid> all = new ArrayList<>(List.of(f.bigFile));
        all.addAll(bigLeaves);
        return all;
    }

    @Test
    void allIsTheWholeDagDepthFirst() throws IOException {
        Fixture.Car car = car("/ipfs/" + f.bigFile + "?format=car");
        assertEquals(List.of(f.bigFile), car.roots());
        assertEquals(4, bigLeaves.size());
        assertEquals(fileDag(), car.blocks());
    }

    @Test
    void blockScopeIsTheTerminalAfterThePath() throws IOException {
        Fixture.Car car = car("/ipfs/" + f.dir + "/big.bin?format=car&dag-scope=block");
        assertEquals(List.of(f.dir), car.roots(), "the header names the requested root");
        assertEquals(List.of(f.dir, f.bigFile), car.blocks());
    }

    @Test
    void entityScopeIsTheWholeFileAfterThePath() throws IOException {
        List<Cid> expected = new ArrayList<>(List.of(f.dir));
        expected.addAll(fileDag());
        assertEquals(expected, car("/ipfs/" + f.dir + "/big.bin?format=car&dag-scope=entity").blocks());
    }

    @Test
    void entityScopeOfADirectoryIsItsNodeAlone() throws IOException {
        assertEquals(List.of(f.dir), car("/ipfs/" + f.dir + "?format=car&dag-scope=entity").blocks());
    }

    @Test
    void allOfADirectoryWalksEveryEntryOnce() throws IOException {
        List<Cid> blocks = car("/ipfs/" + f.dir + "?format=car").blocks();
        assertEquals(f.dir, blocks.get(0));
        assertEquals(blocks.size(), blocks.stream().distinct().count(), "dups=n: each block once");
        assertEquals(true, blocks.containsAll(fileDag()) && blocks.contains(f.index) && blocks.contains(f.site));
    }

    @Test
    void entityBytesSendOnlyTheLeavesHoldingTheRange() throws IOException {
        String big = "/ipfs/" + f.bigFile + "?format=car&entity-bytes=";
        assertEquals(List.of(f.bigFile, bigLeaves.get(0)), car(big + "0:0").blocks());
        assertEquals(List.of(f.bigFile, bigLeaves.get(3)), car(big + "-1:*").blocks(), "the last byte");
        assertEquals(List.of(f.bigFile, bigLeaves.get(0), bigLeaves.get(1)), car(big + "262143:262144").blocks(),
                "a range across a leaf boundary");
        assertEquals(List.of(f.bigFile, bigLeaves.get(1), bigLeaves.get(2)), car(big + "262144:-262145").blocks(),
                "to counted from the end");
        assertEquals(fileDag(), car(big + "0:*").blocks());
        assertEquals(List.of(f.bigFile), car(big + "500000:-600000").blocks(), "an empty range is the block scope");
    }

    @Test
    void dupsYesSendsARepeatedBlockEachTimeAndNoOnce() throws IOException {
        List<Cid> once = car("/ipfs/" + f.zeros + "?format=car").blocks();
        assertEquals(2, once.size(), "four identical leaves are one block");
        List<Cid> every = car("/ipfs/" + f.zeros + "?format=car&car-dups=y").blocks();
        assertEquals(5, every.size());
        assertEquals(List.of(once.get(1), once.get(1), once.get(1), once.get(1)), every.subList(1, 5));
    }

    @Test
    void theEtagDiffersByScopeRangeAndDups() throws IOException {
        String base = "/ipfs/" + f.bigFile + "?format=car";
        List<String> etags = new ArrayList<>();
        for (String query : List.of("", "&dag-scope=block", "&dag-scope=entity", "&entity-bytes=0:10", "&car-dups=y")) {
            etags.add(f.get(base + query).header("Etag"));
        }
        assertEquals(etags.size(), etags.stream().distinct().count(), etags.toString());
        assertEquals(etags.get(0), f.get(base).header("Etag"), "the same request, the same Etag");
    }
}
