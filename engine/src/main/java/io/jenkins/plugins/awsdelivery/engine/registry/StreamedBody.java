package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body of exactly {@link #contentLength()} bytes read once from a stream. The JDK client subscribes to it
 * ({@link InputStreamPublisher}); {@link SocketHttp} reads {@link #stream()} itself, on the calling thread.
 */
final class StreamedBody implements HttpRequest.BodyPublisher {
    private final InputStream stream;
    private final long length;
    private final HttpRequest.BodyPublisher published;

    StreamedBody(InputStream stream, long length) {
        this.stream = stream;
        this.length = length;
        // fromPublisher refuses a length of 0.
        this.published = length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(new InputStreamPublisher(stream), length);
    }

    InputStream stream() {
        return stream;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        published.subscribe(subscriber);
    }
}
