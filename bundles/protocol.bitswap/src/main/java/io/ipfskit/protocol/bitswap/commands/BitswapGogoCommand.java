package io.ipfskit.protocol.bitswap.commands;

import io.ipfskit.api.admin.RpcException;
import io.ipfskit.protocol.bitswap.Bitswap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo {@code ipfs:bitswap stat|wantlist [PEER]|ledger PEER}: the bitswap commands as text, as kubo prints them. */
@Component(service = BitswapGogoCommand.class, property = {"osgi.command.scope=ipfs", "osgi.command.function=bitswap"})
public final class BitswapGogoCommand {

    private static final String USAGE = "usage: bitswap stat|wantlist [PEER]|ledger PEER";

    private final Bitswap bitswap;

    /** Works on the node's Bitswap. */
    @Activate
    public BitswapGogoCommand(@Reference Bitswap bitswap) {
        this.bitswap = bitswap;
    }

    /** {@code bitswap stat} or {@code bitswap wantlist}. */
    public String bitswap(String what) throws RpcException {
        return switch (what) {
            case "stat" -> stat();
            case "wantlist" -> keys(BitswapReplies.wantlist(bitswap, null));
            default -> throw RpcException.client(USAGE);
        };
    }

    /** {@code bitswap wantlist PEER} or {@code bitswap ledger PEER}. */
    public String bitswap(String what, String peer) throws RpcException {
        return switch (what) {
            case "wantlist" -> keys(BitswapReplies.wantlist(bitswap, BitswapReplies.peer(peer)));
            case "ledger" -> {
                Map<String, Object> l = BitswapReplies.ledger(bitswap, BitswapReplies.peer(peer));
                yield "Ledger for " + l.get("Peer") + "\n\tDebt ratio:\t" + l.get("Value") + "\n\tExchanges:\t"
                        + l.get("Exchanged") + "\n\tBytes sent:\t" + l.get("Sent") + "\n\tBytes received:\t" + l.get("Recv");
            }
            default -> throw RpcException.client(USAGE);
        };
    }

    private String stat() {
        Map<String, Object> s = BitswapReplies.stat(bitswap);
        List<?> wants = (List<?>) s.get("Wantlist");
        List<?> peers = (List<?>) s.get("Peers");
        return "bitswap status\n\tprovides buffer: " + s.get("ProvideBufLen")
                + "\n\tblocks received: " + s.get("BlocksReceived") + "\n\tblocks sent: " + s.get("BlocksSent")
                + "\n\tdata received: " + s.get("DataReceived") + "\n\tdata sent: " + s.get("DataSent")
                + "\n\tdup blocks received: " + s.get("DupBlksReceived") + "\n\tdup data received: " + s.get("DupDataReceived")
                + "\n\twantlist [" + wants.size() + " keys]" + wants.stream().map(w -> "\n\t\t" + ((Map<?, ?>) w).get("/"))
                        .collect(Collectors.joining())
                + "\n\tpartners [" + peers.size() + "]";
    }

    @SuppressWarnings("unchecked")
    private static String keys(Map<String, Object> reply) {
        return ((List<Map<String, String>>) reply.get("Keys")).stream().map(k -> k.get("/")).collect(Collectors.joining("\n"));
    }
}
