package io.chatbackend.gateway.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.chatbackend.gateway.problem.GatewayProblem;
import io.chatbackend.gateway.problem.ProblemResponseWriter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's strict firewall (no dot segments, encoded slashes, {@code //} or NUL in paths), and before it
 * one rule of our own: a URI whose percent-encoding is broken or decodes to anything but UTF-8 text without
 * control characters never leaves the gateway. The contexts behind would refuse such a URI in their servlet
 * container with an HTML page, or fail on it; here it is a {@code 400 MALFORMED_REQUEST} problem like any other.
 */
@Component
public class RequestFirewall implements ServerWebExchangeFirewall, ServerExchangeRejectedHandler {

    private final ServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();
    private final ProblemResponseWriter problems;

    public RequestFirewall(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        var uri = exchange.getRequest().getURI();
        if (!isWellFormed(uri.getRawPath()) || !isWellFormed(uri.getRawQuery())) {
            return Mono.error(new ServerExchangeRejectedException("malformed percent-encoding"));
        }
        return strict.getFirewalledExchange(exchange);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(exchange, GatewayProblem.MALFORMED_REQUEST);
    }

    /**
     * Whether {@code raw} (a URI's path or query as sent, null for none) has only complete {@code %XX} escapes that
     * decode to UTF-8 text without control characters.
     */
    static boolean isWellFormed(String raw) {
        if (raw == null) {
            return true;
        }
        if (raw.indexOf('%') < 0) { // nearly every request: nothing to decode, only the characters to check
            return raw.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return false;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.put((byte) (high * 16 + low));
                i += 2;
            } else if (c < 0x20 || c >= 0x7F) {
                return false;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            return decoded.chars().noneMatch(Character::isISOControl);
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
