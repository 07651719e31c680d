import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The build's class-data-sharing training run: the launcher's client verbs against a stand-in API on loopback, so that
 * the archive written at exit ({@code -XX:ArchiveClassesAtExit}) holds what a client verb loads. Run by the runtime
 * module's package phase as a single source file; its own classes are not archived, the launcher's are.
 */
public class CdsTraining {

    public static void main(String[] args) throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/api/v0/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String command = exchange.getRequestURI().getPath().substring("/api/v0/".length());
            byte[] reply = (command.equals("cat") ? "training" : command.equals("add")
                    ? "{\"Name\":\"t\",\"Hash\":\"QmZLRFWaz9Kypt2ACNMDzA5uzACDRiCqwdkNSP1UZsu56D\",\"Size\":\"11\"}\n"
                    : "{\"ID\":\"training\",\"Addresses\":[\"/ip4/127.0.0.1/tcp/4001\"],\"Peers\":[],\"Keys\":[]}\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        api.start();
        Path repo = Files.createTempDirectory("ipfs-kit-cds");
        Path file = repo.resolve("t");
        try {
            Files.writeString(repo.resolve("api"), "/ip4/127.0.0.1/tcp/" + api.getAddress().getPort());
            Files.writeString(file, "training\n");
            String r = repo.toString();
            for (String[] verb : new String[][] {{"id", "--repo", r}, {"add", "--repo", r, file.toString()},
                    {"cat", "--repo", r, "QmZLRFWaz9Kypt2ACNMDzA5uzACDRiCqwdkNSP1UZsu56D"}, {"swarm", "peers", "--repo", r},
                    {"pin", "ls", "--repo", r}, {"version"}}) {
                new picocli.CommandLine(new io.ipfskit.launcher.Main()).execute(verb);
            }
        } finally {
            api.stop(0);
            Files.delete(file);
            Files.delete(repo.resolve("api"));
            Files.delete(repo);
        }
    }
}
