package io.ipfskit.itests.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipfskit.itests.support.Cli;
import io.ipfskit.itests.support.Daemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubo's CLI habits on {@code bin/ipfs-kit}: add from standard input, cat of several CIDs, ls of a file, refs, the
 * global {@code --api} and {@code --enc=json}, {@code config}, {@code block put|get}, {@code refs local}, {@code id -f},
 * {@code bootstrap list}, {@code swarm addrs [local]},
 * {@code shutdown}, kubo's one-line answer (and exit status 1) to an unknown verb, and the class-data-sharing archive
 * the client verbs start from.
 */
class KuboHabitsIT {

    private static final Duration LIMIT = Duration.ofSeconds(90);
    /** kubo: {@code echo hello | ipfs add} → {@code added QmZULk… QmZULk…}. */
    private static final String HELLO_LINE = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN";

    @TempDir
    Path temp;

    @Test
    void addReadsStandardInputAndCatJoinsSeveralFiles() throws Exception {
        Path repo = temp.resolve("repo");
        try (Daemon daemon = start(repo)) {
            byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);
            assertEquals("added " + HELLO_LINE + " " + HELLO_LINE, ok(Cli.withInput(hello, LIMIT, "--repo", repo.toString(), "add")));
            assertEquals("added " + HELLO_LINE + " greeting.txt",
                    ok(Cli.withInput(hello, LIMIT, "--repo", repo.toString(), "add", "--stdin-name", "greeting.txt", "-")));

            Path named = Files.write(temp.resolve("hello.txt"), hello);
            assertEquals("{\"Name\":\"hello.txt\",\"Hash\":\"" + HELLO_LINE + "\",\"Size\":\"14\"}",
                    ok(run(repo, "add", "--enc=json", named.toString())), "--enc=json prints the API's reply, not text");
            assertEquals("added " + HELLO_LINE + " hello.txt", ok(run(repo, "add", "-p", named.toString())), "kubo's -p");
            assertEquals("added " + HELLO_LINE + " hello.txt", ok(run(repo, "add", "--progress=false", named.toString())));
            String pins = ok(run(repo, "--enc", "json", "pin", "ls", HELLO_LINE));
            assertEquals("{\"Keys\":{\"" + HELLO_LINE + "\":{\"Type\":\"recursive\"}}}", pins);
            assertEquals(HELLO_LINE + " recursive", ok(run(repo, "pin", "ls", "--stream", "--type", "recursive")),
                    "kubo's pin ls --stream: the same lines, as the node finds them");
            Cli xml = run(repo, "--enc=xml", "pin", "ls");
            assertEquals(1, xml.exitCode(), xml.output());
            assertTrue(xml.output().contains("--enc: expected text or json, not 'xml'"), xml.output());

            byte[] big = new byte[3 * 1024 * 1024 + 5];
            new Random(11).nextBytes(big);
            Path bigFile = Files.write(temp.resolve("big.bin"), big);
            String fromStdin = ok(Cli.withInput(big, LIMIT, "--repo", repo.toString(), "add", "-q"));
            assertEquals(ok(run(repo, "add", "-q", "--only-hash", bigFile.toString())), fromStdin,
                    "standard input (sent chunked, length unknown) gives the CID of the same bytes from a file");

            Path joined = temp.resolve("joined");
            ok(run(repo, "cat", "-o", joined.toString(), HELLO_LINE, fromStdin, HELLO_LINE));
            byte[] expected = new byte[hello.length * 2 + big.length];
            System.arraycopy(hello, 0, expected, 0, hello.length);
            System.arraycopy(big, 0, expected, hello.length, big.length);
            System.arraycopy(hello, 0, expected, hello.length + big.length, hello.length);
            assertTrue(java.util.Arrays.equals(expected, Files.readAllBytes(joined)), "cat A B A gives A, B and A again");

            List<String> chunks = ok(run(repo, "ls", fromStdin)).lines().map(line -> line.split(" +")[0]).toList();
            assertEquals(13, chunks.size(), "ls of a 3 MiB file lists its 13 chunks, as kubo's: " + chunks);
            assertEquals(chunks, ok(run(repo, "ls", "--size=false", fromStdin)).lines().map(String::strip).toList(),
                    "kubo's --size=false: no size column");
            assertEquals(chunks, ok(run(repo, "refs", fromStdin)).lines().toList(), "refs names the same links");
            assertEquals(chunks, ok(run(repo, "refs", "-r", "-u", fromStdin)).lines().toList(), "chunks link nowhere");

            Cli missing = run(repo, "--offline", "cat", HELLO_LINE, "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
            assertEquals(1, missing.exitCode(), missing.output());
            assertTrue(missing.output().startsWith("hello\nError: "), "the first file, then why the second failed: "
                    + missing.output());
        }
    }

    @Test
    void globalApiShutdownAndUnknownVerbs() throws Exception {
        Path repo = temp.resolve("repo");
        try (Daemon daemon = start(repo)) {
            String api = Files.readString(repo.resolve("api")).strip();
            String id = ok(run(repo, "id"));
            String elsewhere = ok(Cli.run(LIMIT, "--repo", temp.resolve("no-node").toString(), "--api", api, "id"));
            assertEquals(id, elsewhere, "--api reaches the node whatever the repo says");

            Cli typo = run(repo, "ad", "x");
            assertEquals(1, typo.exitCode(), "kubo's exit status for bad usage");
            assertEquals("Error: unknown command \"ad\" (did you mean \"add\"?) (see ipfs-kit --help)", typo.output().strip());
            Cli sub = run(repo, "pin", "lss");
            assertEquals("Error: unknown command \"lss\" (did you mean \"ls\"?) (see ipfs-kit pin --help)", sub.output().strip());
            Cli far = run(repo, "frobnicate");
            assertEquals("Error: unknown command \"frobnicate\" (see ipfs-kit --help)", far.output().strip(),
                    "no suggestion when no verb is within two edits");

            assertEquals("-1", ok(run(repo, "config", "io.ipfskit.host.lowWater")), "unset: the metatype's default");
            assertEquals("50", ok(run(repo, "config", "io.ipfskit.host.lowWater", "50")));
            Cli refused = run(repo, "config", "io.ipfskit.host.lowWater", "abc");
            assertEquals(1, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("expected Integer") && refused.output().contains("nothing changed"),
                    refused.output());
            Cli unknown = run(repo, "config", "io.ipfskit.host.nope", "1");
            assertTrue(unknown.exitCode() == 1 && unknown.output().contains("has no key nope"), unknown.output());
            Cli kubos = run(repo, "config", "Addresses.API", "/ip4/127.0.0.1/tcp/5002");
            assertTrue(kubos.exitCode() == 1 && kubos.output().contains("no configuration PID Addresses (keys are <pid>.<key>"),
                    "kubo's key names a PID that does not exist: " + kubos.output());
            assertEquals("50", ok(run(repo, "config", "io.ipfskit.host.lowWater")), "a refused value changed nothing");
            assertTrue(ok(run(repo, "config", "show")).contains("\"lowWater\" : \"50\""), "config show lists it");

            assertEquals("", ok(run(repo, "shutdown")));
            assertEquals(0, daemon.awaitExit(LIMIT), "shutdown ends the daemon as SIGTERM does: " + daemon.output());
            assertFalse(Files.exists(repo.resolve("api")), "the daemon removed <repo>/api on its way out");
            Cli gone = run(repo, "id");
            assertEquals(1, gone.exitCode(), gone.output());
        }
    }

    @Test
    void blockPutGetRefsLocalIdFormatBootstrapListAndSwarmAddrsAsKubo() throws Exception {
        Path repoA = temp.resolve("a");
        Path repoB = temp.resolve("b");
        try (Daemon a = start(repoA)) {
            String idA = ok(run(repoA, "id", "-f", "<id>"));
            assertTrue(idA.matches("12D3KooW\\w+"), idA);
            List<String> formatted = ok(run(repoA, "id", "--format", "<id>\\t<aver>\\n<pubkey>")).lines().toList();
            assertEquals(2, formatted.size(), formatted.toString());
            assertTrue(formatted.get(0).startsWith(idA + "\tipfs-kit/") && formatted.get(1).startsWith("CAESI"),
                    "kubo's tokens and escapes: " + formatted);
            List<String> announced = ok(run(repoA, "swarm", "addrs", "local", "--id")).lines().toList();
            assertFalse(announced.isEmpty());
            assertTrue(announced.stream().allMatch(line -> line.endsWith("/p2p/" + idA)), announced.toString());
            String addressA = ok(run(repoA, "id", "-f", "<addrs>")).lines().findFirst().orElseThrow();

            byte[] raw = "raw bytes".getBytes(StandardCharsets.UTF_8);
            String key = ok(Cli.withInput(raw, LIMIT, "--repo", repoA.toString(), "block", "put"));
            assertEquals("bafkreie2wntk2rkvbdk7i6ybfdl5eq5cydspltrztnpyltiqwnb6orne3q", key, "kubo's CIDv1 raw");
            assertEquals("raw bytes", ok(run(repoA, "block", "get", key)));
            Path one = Files.write(temp.resolve("one"), new byte[] {'a'});
            Path two = Files.write(temp.resolve("two"), new byte[] {'b'});
            List<String> keys = ok(run(repoA, "block", "put", one.toString(), two.toString())).lines().toList();
            assertEquals(2, keys.size(), "a CID per file: " + keys);
            List<String> local = ok(run(repoA, "refs", "local")).lines().toList();
            assertTrue(local.containsAll(keys) && local.contains(key), "refs local lists every stored block: " + local);

            try (Daemon b = Daemon.start("daemon", "--repo", repoB.toString(), "--api", "/ip4/127.0.0.1/tcp/0",
                    "--swarm", "/ip4/127.0.0.1/tcp/0", "--bootstrap", addressA)) {
                b.awaitLine("Daemon is ready", LIMIT);
                assertEquals(addressA, ok(run(repoB, "bootstrap", "list")));
                String tcpA = addressA.substring(0, addressA.indexOf("/p2p/"));
                long deadline = System.nanoTime() + LIMIT.toNanos();
                List<String> known = ok(run(repoB, "swarm", "addrs")).lines().toList();
                while (!known.contains("\t" + tcpA) || known.stream().noneMatch(line -> line.startsWith(idA + " ("))) {
                    assertTrue(System.nanoTime() < deadline, "B's peerstore never listed A: " + known);
                    Thread.sleep(100);
                    known = ok(run(repoB, "swarm", "addrs")).lines().toList();
                }
            }
        }
    }

    @Test
    void initCreatesTheIdentityAndKeepsTheProfileInEtc() throws Exception {
        Path repo = temp.resolve("repo");
        List<String> lines = ok(Cli.run(LIMIT, "init", "--repo", repo.toString(), "--profile", "test")).lines().toList();
        assertEquals("generating ED25519 keypair...done", lines.get(0));
        assertTrue(lines.get(1).matches("peer identity: 12D3KooW\\w+"), lines.toString());
        assertEquals("initializing IPFS node at " + repo.toAbsolutePath(), lines.get(2));
        String peer = lines.get(1).substring("peer identity: ".length());

        Cli again = Cli.run(LIMIT, "init", "--repo", repo.toString());
        assertEquals(1, again.exitCode(), again.output());
        assertTrue(again.output().strip().startsWith("Error: ") && again.output().contains("already initialized"),
                again.output());

        // Started without a profile (kubo's defaults), the node keeps what init --profile test wrote into etc/.
        try (Daemon daemon = Daemon.start(java.util.Map.of("IPFSKIT_PROFILE", ""), "daemon", "--repo", repo.toString())) {
            daemon.awaitLine("Daemon is ready", LIMIT);
            String output = daemon.output();
            assertTrue(output.contains("Profile: default, with the test profile's settings init wrote into etc/"), output);
            assertTrue(output.contains("PeerID: " + peer), "the identity init made: " + output);
            assertTrue(output.contains("Swarm listening on /ip4/127.0.0.1/tcp/"), output);
            assertFalse(output.contains("Swarm listening on /ip4/0.0.0.0"), "the test profile's swarm address: " + output);
            assertTrue(Files.readString(repo.resolve("api")).startsWith("/ip4/127.0.0.1/tcp/"));
        }
    }

    @Test
    void clientVerbsStartFromTheBuildsClassDataSharingArchive() throws Exception {
        Path home = Daemon.DIST.toRealPath();
        Path archive = home.resolve("lib/ipfs-kit.jsa");
        assertTrue(Files.isRegularFile(archive), "the build wrote " + archive);
        // -Xshare:on fails instead of falling back: the archive must fit this JVM and bin/ipfs-kit's class path.
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:on",
                "-XX:SharedArchiveFile=" + archive, "-Dipfskit.home=" + home, "-cp", home.resolve("lib") + "/*",
                "io.ipfskit.launcher.Main", "version").redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, java.waitFor(), output);
        assertTrue(output.startsWith("ipfs-kit version "), output);
    }

    private static Daemon start(Path repo) throws Exception {
        Daemon daemon = Daemon.start("daemon", "--repo", repo.toString(), "--api", "/ip4/127.0.0.1/tcp/0", "--swarm",
                "/ip4/127.0.0.1/tcp/0");
        daemon.awaitLine("Daemon is ready", LIMIT);
        return daemon;
    }

    private static String ok(Cli cli) {
        assertEquals(0, cli.exitCode(), cli.output());
        return cli.output().strip();
    }

    private static Cli run(Path repo, String... verb) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("--repo", repo.toString()));
        arguments.addAll(List.of(verb));
        return Cli.run(LIMIT, arguments.toArray(String[]::new));
    }
}
