package io.chatbackend.gateway.edge;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/**
 * A request whose body fails with {@link PayloadTooLargeException} as soon as more than {@code limit} bytes have
 * arrived, so a chunked body is cut off while streaming instead of being forwarded whole.
 */
class SizeLimitedRequest extends ServerHttpRequestDecorator {

    private final long limit;

    SizeLimitedRequest(ServerHttpRequest delegate, long limit) {
        super(delegate);
        this.limit = limit;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        return Flux.defer(() -> {
            long[] received = {0};
            return super.getBody().handle((buffer, sink) -> {
                received[0] += buffer.readableByteCount();
                if (received[0] > limit) {
                    DataBufferUtils.release(buffer);
                    sink.error(new PayloadTooLargeException(limit));
                } else {
                    sink.next(buffer);
                }
            });
        });
    }
}
