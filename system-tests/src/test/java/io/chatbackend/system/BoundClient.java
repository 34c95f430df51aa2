package io.chatbackend.system;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * HTTP from a chosen local address (127.0.0.2, 127.0.0.3, ...), so a test can be two clients on one machine: the
 * JDK's HttpClient cannot bind its source address, Reactor Netty's can. One connection per request.
 */
final class BoundClient {

    /** What came back. */
    record Answer(int status, String body, HttpHeaders headers) {
        String code() {
            return status >= 400 && body.contains("\"code\"") ? Api.JSON.readTree(body).get("code").asString() : "";
        }
    }

    private final HttpClient http;

    BoundClient(String localAddress) {
        this.http = HttpClient.create(ConnectionProvider.newConnection())
                .bindAddress(() -> new InetSocketAddress(localAddress, 0))
                .responseTimeout(Duration.ofSeconds(30));
    }

    Answer call(String method, String url, Map<String, String> headers, String body) {
        return http.headers(h -> {
                    h.set("Content-Type", "application/json");
                    headers.forEach(h::set);
                })
                .request(HttpMethod.valueOf(method))
                .uri(url)
                .send(body == null ? ByteBufFlux.empty() : ByteBufFlux.fromString(Mono.just(body)))
                .responseSingle((response, content) -> content.asString().defaultIfEmpty("")
                        .map(text -> new Answer(response.status().code(), text, response.responseHeaders())))
                .block(Duration.ofSeconds(60));
    }

    Answer post(String url, String body) {
        return call("POST", url, Map.of(), body);
    }
}
