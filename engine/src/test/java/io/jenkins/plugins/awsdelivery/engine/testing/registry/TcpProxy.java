package io.jenkins.plugins.awsdelivery.engine.testing.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a registry that counts the bytes in each direction and can cut connections: after
 * {@link #cutConnectionsAfter(long, int)}, the next {@code times} connections that carry more than {@code bytes}
 * from the registry to the client (a blob download, manifests being small) are closed in the middle.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicLong fromClient = new AtomicLong();
    private final AtomicLong toClient = new AtomicLong();
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private final AtomicInteger cutsDone = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger answersLeft = new AtomicInteger();
    private volatile String cannedAnswer;
    private volatile long cutAfter = Long.MAX_VALUE;

    private TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp proxy to " + targetPort);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free loopback port forwarding to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<proxy port>}. */
    public String hostPort() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Bytes clients sent through the proxy (requests and uploads). */
    public long bytesFromClients() {
        return fromClient.get();
    }

    /** Bytes the registry sent back (responses and downloads). */
    public long bytesToClients() {
        return toClient.get();
    }

    public void resetCounters() {
        fromClient.set(0);
        toClient.set(0);
    }

    /** Cuts the next {@code times} connections once they carried {@code bytes} from the registry. */
    public void cutConnectionsAfter(long bytes, int times) {
        cutAfter = bytes;
        cutsLeft.set(times);
    }

    /**
     * The next {@code times} new plain-HTTP connections (TLS handshakes are passed on) get {@code HTTP/1.1 <status>} with the given extra header lines (e.g.
     * {@code Retry-After: 3}) instead of reaching the registry, then are closed.
     */
    public void answerNextConnections(int times, int status, String... headerLines) {
        StringBuilder answer = new StringBuilder("HTTP/1.1 ").append(status).append(" Injected\r\n");
        for (String line : headerLines) {
            answer.append(line).append("\r\n");
        }
        answer.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
        cannedAnswer = answer.toString();
        answersLeft.set(times);
    }

    public int connectionsCut() {
        return cutsDone.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                start(() -> connect(client));
            } catch (IOException e) {
                // Closed.
            }
        }
    }

    private void connect(Socket client) {
        try {
            InputStream in = client.getInputStream();
            byte[] first = new byte[16 * 1024];
            int n = in.read(first);
            if (n <= 0) {
                closeQuietly(client);
                return;
            }
            boolean tlsHandshake = first[0] == 0x16;
            if (!tlsHandshake && answersLeft.getAndDecrement() > 0) {
                answer(client, cannedAnswer);
                return;
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(upstream);
            upstream.getOutputStream().write(first, 0, n);
            fromClient.addAndGet(n);
            AtomicLong carried = new AtomicLong();
            start(() -> pump(client, upstream, fromClient, null));
            pump(upstream, client, toClient, carried);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void answer(Socket client, String answer) {
        try (client) {
            client.getOutputStream().write(answer.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            client.getOutputStream().flush();
        } catch (IOException e) {
            // The client went away.
        } finally {
            sockets.remove(client);
        }
    }

    private void pump(Socket from, Socket to, AtomicLong counter, AtomicLong carried) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (carried != null && carried.get() + n > cutAfter && cutsLeft.getAndDecrement() > 0) {
                    int part = (int) Math.max(0, cutAfter - carried.get());
                    out.write(buffer, 0, part);
                    out.flush();
                    counter.addAndGet(part);
                    cutsDone.incrementAndGet();
                    from.close();
                    to.close();
                    return;
                }
                out.write(buffer, 0, n);
                counter.addAndGet(n);
                if (carried != null) {
                    carried.addAndGet(n);
                }
            }
        } catch (IOException e) {
            // One side closed.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "tcp proxy pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void closeQuietly(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        sockets.forEach(this::closeQuietly);
    }
}
