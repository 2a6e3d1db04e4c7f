package io.jenkins.plugins.awsdelivery.engine.registry;

import io.jenkins.plugins.awsdelivery.engine.JdkHttpClients;
import io.jenkins.plugins.awsdelivery.engine.reference.ImageReference;
import io.jenkins.plugins.awsdelivery.engine.spi.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;

/**
 * What all clients of one operation (a promotion) share: one {@link HttpClient}, the TLS trust, which registries may
 * be reached over plain HTTP, the {@link RetryPolicy}, how blobs are uploaded and where events go. Close it when
 * done.
 *
 * <p>TLS is verified against the JDK trust store unless an {@link SSLContext} is given. Plain HTTP is used only for
 * loopback registries (localhost, 127.0.0.0/8, ::1) and registries named in {@link Builder#insecureRegistries}, and
 * for those only after an HTTPS attempt failed with something other than an untrusted certificate (as Docker does).
 * HTTP/1.1 throughout: parallel blob streams get one connection each instead of sharing one HTTP/2 window.
 */
public final class RegistryTransport implements AutoCloseable {
    private final HttpClient http;
    private final Set<String> insecureRegistries;
    private final RetryPolicy retryPolicy;
    private final EventSink events;
    private final long uploadChunkSize;
    private final boolean monolithicUploads;
    private final ScheduledExecutorService watchdog;
    private final SocketHttp blobHttp;

    private RegistryTransport(Builder b) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(b.retryPolicy.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER);
        if (b.sslContext != null) {
            http.sslContext(b.sslContext);
        }
        this.http = http.build();
        this.insecureRegistries = Set.copyOf(b.insecureRegistries);
        this.retryPolicy = b.retryPolicy;
        this.events = b.events;
        this.uploadChunkSize = b.uploadChunkSize;
        this.monolithicUploads = b.monolithicUploads;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "registry stall watchdog");
            thread.setDaemon(true);
            return thread;
        });
        this.blobHttp =
                b.jdkClientForBlobs ? null : new SocketHttp(b.sslContext, b.retryPolicy.connectTimeout(), watchdog);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Default transport: verified TLS, loopback may be plain HTTP, default retries, no events. */
    public static RegistryTransport defaults() {
        return builder().build();
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public Set<String> insecureRegistries() {
        return insecureRegistries;
    }

    public EventSink events() {
        return events;
    }

    /** 0: each blob in one PATCH request; otherwise PATCH requests of at most this many bytes. */
    public long uploadChunkSize() {
        return uploadChunkSize;
    }

    /** True: each blob in a single {@code PUT ...?digest=} with the content (monolithic upload). */
    public boolean monolithicUploads() {
        return monolithicUploads;
    }

    HttpClient http() {
        return http;
    }

    /**
     * Sends a request, blob bodies over {@link SocketHttp} unless a proxy is configured for the URL (the JDK client
     * goes through the JVM's default proxy selector, {@link SocketHttp} knows no proxies) or the builder chose the JDK
     * client.
     *
     * @param blob true for a blob's {@code GET} and for a request carrying a {@link StreamedBody}
     */
    HttpResponse<InputStream> send(HttpRequest request, boolean blob) throws IOException, InterruptedException {
        if (blob && blobHttp != null && SocketHttp.canSend(request) && direct(request.uri())) {
            return blobHttp.send(request);
        }
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static boolean direct(URI uri) {
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies == null) {
            return true;
        }
        try {
            return proxies.select(uri).stream().allMatch(proxy -> proxy.type() == Proxy.Type.DIRECT);
        } catch (RuntimeException e) {
            return false;
        }
    }

    ScheduledExecutorService watchdog() {
        return watchdog;
    }

    /** Whether plain HTTP is allowed for {@code host[:port]}. */
    public boolean allowsPlainHttp(String registry) {
        return ImageReference.isLoopbackRegistry(registry)
                || insecureRegistries.contains(registry.toLowerCase(Locale.ROOT));
    }

    /** Stops the stall watchdog and, on Java 21 and later, the JDK client's threads ({@link JdkHttpClients}). */
    @Override
    public void close() {
        watchdog.shutdownNow();
        JdkHttpClients.shutDown(http);
    }

    public static final class Builder {
        private final Set<String> insecureRegistries = new TreeSet<>();
        private SSLContext sslContext;
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private EventSink events = EventSink.discard();
        private long uploadChunkSize;
        private boolean monolithicUploads;
        private boolean jdkClientForBlobs;

        private Builder() {}

        /** {@code host[:port]} values that may be reached over plain HTTP (like Docker's insecure-registries). */
        public Builder insecureRegistries(Collection<String> registries) {
            registries.forEach(r -> insecureRegistries.add(r.toLowerCase(Locale.ROOT)));
            return this;
        }

        /** Trust for registries with a private certificate authority; null means the JDK's trust store. */
        public Builder sslContext(SSLContext context) {
            this.sslContext = context;
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        public Builder events(EventSink sink) {
            this.events = Objects.requireNonNull(sink, "events");
            return this;
        }

        public Builder uploadChunkSize(long bytes) {
            this.uploadChunkSize = bytes;
            return this;
        }

        public Builder monolithicUploads(boolean monolithic) {
            this.monolithicUploads = monolithic;
            return this;
        }

        /**
         * True: blob bodies go through the JDK client like every other request, instead of {@link SocketHttp}'s
         * connections; for measuring one against the other (bin/bench-promote).
         */
        public Builder jdkClientForBlobs(boolean jdkClient) {
            this.jdkClientForBlobs = jdkClient;
            return this;
        }

        public RegistryTransport build() {
            if (uploadChunkSize < 0) {
                throw new IllegalArgumentException("uploadChunkSize must not be negative, was " + uploadChunkSize);
            }
            return new RegistryTransport(this);
        }
    }
}
