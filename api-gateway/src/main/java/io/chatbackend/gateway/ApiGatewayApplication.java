package io.chatbackend.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The API gateway: one origin for HTTP and WebSocket, routing to the bounded contexts, and the secured front door
 * (JWT validation, rate limits, body limits, request ids, CORS; docs/adr/0006-gateway-edge-security.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(ApiGatewayApplication.class, args);
    }
}
