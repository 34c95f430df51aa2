package io.chatbackend.gateway.edge;

import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * {@code chat.gateway.socket-send-buffer}: the kernel send buffer of each client connection (0 = the operating
 * system's autotuning). Left to autotuning, a WebSocket client that stops reading makes the gateway hold megabytes
 * of its frames; bounded, the gateway stops reading from the notification node soon, whose bounded session queue
 * then drops and announces a gap (the client resyncs from history) instead of the client later catching up on
 * stale frames.
 */
@Configuration(proxyBeanMethods = false)
class ClientConnectionsConfiguration {

    @Bean
    NettyServerCustomizer boundedClientSendBuffers(@Value("${chat.gateway.socket-send-buffer:0}") DataSize size) {
        if (size.isNegative() || size.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chat.gateway.socket-send-buffer must be between 0 and 2 GB");
        }
        int bytes = (int) size.toBytes();
        return server -> bytes == 0 ? server : server.childOption(ChannelOption.SO_SNDBUF, bytes);
    }
}
