package io.jenkins.plugins.awsdelivery.engine.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A response received by {@link SocketHttp}, in the JDK client's shape so that callers need not tell them apart. */
final class SocketResponse implements HttpResponse<InputStream> {
    private final HttpRequest request;
    private final int status;
    private final HttpHeaders headers;
    private final InputStream body;
    private final SSLSession session;

    SocketResponse(HttpRequest request, int status, HttpHeaders headers, InputStream body, SSLSession session) {
        this.request = request;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.session = session;
    }

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.ofNullable(session);
    }

    @Override
    public URI uri() {
        return request.uri();
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }

    @Override
    public String toString() {
        // No query: upload locations and storage redirects carry session state and signatures there.
        URI uri = request.uri();
        return "(" + request.method() + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + ") "
                + status;
    }
}
