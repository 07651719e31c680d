package io.ipfskit.discovery.bootstrap;

import io.netty.buffer.ByteBuf;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * TXT lookups with Netty's DNS resolver on one event loop thread of its own, asking the given name servers (the
 * system's, from {@code /etc/resolv.conf}, in the node) over UDP within the query timeout. Close it to stop the thread.
 */
final class NettyTxtLookup implements TxtLookup, AutoCloseable {

    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("ipfskit-bootstrap-dns", true));
    private final DnsNameResolver resolver;

    NettyTxtLookup(DnsServerAddressStreamProvider servers, Duration timeout) {
        resolver = new DnsNameResolverBuilder(group.next()).datagramChannelType(NioDatagramChannel.class)
                .nameServerProvider(servers).queryTimeoutMillis(timeout.toMillis()).build();
    }

    @Override
    public CompletionStage<List<String>> txt(String name) {
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        resolver.resolveAll(new DefaultDnsQuestion(name, DnsRecordType.TXT)).addListener(done -> {
            if (!done.isSuccess()) {
                result.completeExceptionally(done.cause());
                return;
            }
            @SuppressWarnings("unchecked")
            List<DnsRecord> records = (List<DnsRecord>) done.getNow();
            try {
                List<String> texts = new ArrayList<>();
                for (DnsRecord record : records) {
                    if (record.type() == DnsRecordType.TXT && record instanceof DnsRawRecord raw) {
                        texts.add(text(raw.content()));
                    }
                }
                result.complete(texts);
            } finally {
                records.forEach(ReferenceCountUtil::release);
            }
        });
        return result;
    }

    /** A TXT record's data: length-prefixed character-strings, joined. */
    static String text(ByteBuf data) {
        StringBuilder text = new StringBuilder();
        ByteBuf in = data.duplicate();
        while (in.isReadable()) {
            int length = in.readUnsignedByte();
            int available = Math.min(length, in.readableBytes());
            text.append(in.readCharSequence(available, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    @Override
    public void close() {
        resolver.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
