package io.ipfskit.rpc;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class RequestGuardTest {

    private final RequestGuard guard = new RequestGuard(5001, new String[] {"https://webui.example/"});

    private static HttpRequest request(String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/api/v0/id");
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().set(headers[i], headers[i + 1]);
        }
        return request;
    }

    @Test
    void loopbackAndIpLiteralHostsPass() {
        assertNull(guard.refusal(request()));
        assertNull(guard.refusal(request("Host", "127.0.0.1:5001")));
        assertNull(guard.refusal(request("Host", "localhost:5001")));
        assertNull(guard.refusal(request("Host", "[::1]:5001")));
        assertNull(guard.refusal(request("Host", "192.168.1.20:5001")));
    }

    @Test
    void hostNamesOtherThanLocalhostAreRefused() {
        assertNotNull(guard.refusal(request("Host", "evil.example:5001")));
        assertNotNull(guard.refusal(request("Host", "localhost.evil.example")));
        assertNotNull(guard.refusal(request("Host", "[::1")));
    }

    @Test
    void onlyOwnAndConfiguredOriginsPass() {
        assertNull(guard.refusal(request("Origin", "http://127.0.0.1:5001")));
        assertNull(guard.refusal(request("Origin", "http://localhost:5001/")));
        assertNull(guard.refusal(request("Origin", "https://webui.example")));
        assertNotNull(guard.refusal(request("Origin", "http://127.0.0.1:5002")));
        assertNotNull(guard.refusal(request("Origin", "null")));
        assertNotNull(guard.refusal(request("Origin", "http://evil.example")));
    }

    @Test
    void refererIsCheckedWhenNoOriginIsSent() {
        assertNull(guard.refusal(request("Referer", "http://localhost:5001/webui/")));
        assertNotNull(guard.refusal(request("Referer", "http://evil.example/attack.html")));
        assertNotNull(guard.refusal(request("Referer", "::not a url::")));
    }
}
