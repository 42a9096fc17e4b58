package io.github.cscore.export;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /metrics} on a non-blocking socket: the registry in the Prometheus text format 0.0.4, or
 * OpenMetrics 1.0.0 when the scraper asks for it, with the matching content type (a Prometheus 3
 * scrape fails without one). One request per connection ({@code Connection: close}).
 *
 * <p>One selector thread accepts connections, reads their requests and writes their answers, so a
 * connection that sends nothing, half a request, or never reads holds no thread; a complete
 * request is answered by one of two worker threads, which scrape the registry. Every connection
 * has two deadlines: its whole request must arrive within the read timeout, its whole answer be
 * taken within the write timeout, or it is closed. So one stuck client, or many, never stop the
 * scrapes that come after them: the JDK's {@code HttpServer} read requests on its worker threads
 * without a timeout, and one half-open client stopped every later scrape. At most {@value
 * #MAX_CONNECTIONS} connections are open at once; a new one beyond that is closed at once. A scrape
 * reads the registry and never touches training.
 */
final class MetricsServer implements AutoCloseable {

    static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    /** Connections open at once; a new one beyond this is closed at once. */
    static final int MAX_CONNECTIONS = 1024;
    /** Longest request head read; a longer one closes the connection. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final MetricsExchange exchange;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final ExecutorService workers;
    private final Queue<Connection> answered = new ConcurrentLinkedQueue<>();
    private final Thread loop;
    private volatile boolean closed;

    private MetricsServer(ServerSocketChannel server, Selector selector, MetricsExchange exchange, Duration readTimeout,
            Duration writeTimeout) {
        this.server = server;
        this.selector = selector;
        this.exchange = exchange;
        this.readTimeout = readTimeout;
        this.writeTimeout = writeTimeout;
        String name = "cscore-metrics-" + server.socket().getLocalPort();
        AtomicLong count = new AtomicLong();
        this.workers = Executors.newFixedThreadPool(2, runnable -> daemon(runnable, name + "-" + count.incrementAndGet()));
        this.loop = daemon(this::run, name);
    }

    /**
     * Binds and starts the server.
     *
     * @throws IllegalStateException naming host:port if the address cannot be bound
     */
    static MetricsServer start(PrometheusMeterRegistry registry, String host, int port, String user, String password,
            Duration readTimeout, Duration writeTimeout) {
        ServerSocketChannel server = null;
        try {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(host, port), 50);
            server.configureBlocking(false);
            Selector selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
            String authorization = user == null ? null : "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            MetricsServer metrics = new MetricsServer(server, selector, new MetricsExchange(registry, authorization),
                    readTimeout, writeTimeout);
            metrics.loop.start();
            return metrics;
        } catch (BindException e) {
            closeQuietly(server);
            throw new IllegalStateException("cannot serve /metrics on " + host + ":" + port + ": " + e.getMessage()
                    + " (is another exporter running? choose another port, or 0 for any free one)", e);
        } catch (IOException | RuntimeException e) {
            closeQuietly(server);
            throw new IllegalStateException("cannot serve /metrics on " + host + ":" + port + ": " + e, e);
        }
    }

    int port() {
        return server.socket().getLocalPort();
    }

    /** Scrapes started so far; the n-th to start reads the registry after the (n-1)-th started. */
    long scrapes() {
        return exchange.started();
    }

    /**
     * The highest start number among the scrapes answered in full. A scrape that started before
     * some state change may finish after it: waiting for a scrape that saw the change means waiting
     * for this to pass the start count taken after the change.
     */
    long lastServed() {
        return exchange.lastServed();
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(Math.max(1, Math.min(readTimeout.toMillis(), writeTimeout.toMillis()) / 4));
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                for (Connection done = answered.poll(); done != null; done = answered.poll()) {
                    done.startWriting(writeTimeout);
                }
                expire();
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closed) {
                LOG.warn("/metrics stopped serving: {}", e.toString());
            }
        }
    }

    private void handle(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        try {
            if (key.isAcceptable()) {
                accept();
            } else if (key.isReadable()) {
                Connection connection = (Connection) key.attachment();
                if (connection.read()) {
                    key.interestOps(0);
                    answerLater(connection);
                }
            } else if (key.isWritable()) {
                Connection connection = (Connection) key.attachment();
                if (connection.write()) {
                    exchange.served(connection.answer.scrape());
                }
            }
        } catch (IOException e) {
            // The client went away or sent more than a request head: nothing more to do for it.
            LOG.trace("a /metrics connection ended early", e);
            ((Connection) key.attachment()).close();
        }
    }

    private void accept() throws IOException {
        for (SocketChannel channel = server.accept(); channel != null; channel = server.accept()) {
            if (selector.keys().size() > MAX_CONNECTIONS) {
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            Connection connection = new Connection(channel, System.nanoTime() + readTimeout.toNanos());
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        }
    }

    private void answerLater(Connection connection) {
        try {
            workers.execute(() -> {
                connection.answer = exchange.answer(connection.request);
                answered.add(connection);
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            connection.close();
        }
    }

    /** Closes every connection past its deadline. */
    private void expire() {
        long now = System.nanoTime();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection connection && now - connection.deadline > 0) {
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        closeQuietly(selector);
        closeQuietly(server);
        workers.shutdownNow();
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing is all we wanted
        }
    }

    /** One client connection: its request head as it arrives, then its answer as it leaves. */
    private static final class Connection {
        private final SocketChannel channel;
        private final ByteBuffer request = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        private volatile MetricsExchange.Answer answer;
        private volatile long deadline;
        private SelectionKey key;

        Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }

        /** Reads what arrived; true once the request head is complete. */
        boolean read() throws IOException {
            if (channel.read(request) < 0) {
                throw new IOException("the client closed the connection before the end of its request");
            }
            if (MetricsExchange.headComplete(request)) {
                deadline = Long.MAX_VALUE;
                return true;
            }
            if (!request.hasRemaining()) {
                throw new IOException("request head longer than " + MAX_REQUEST_BYTES + " bytes");
            }
            return false;
        }

        void startWriting(Duration writeTimeout) {
            if (!key.isValid()) {
                return;
            }
            deadline = System.nanoTime() + writeTimeout.toNanos();
            key.interestOps(SelectionKey.OP_WRITE);
        }

        /** Writes what the client takes; true once the whole answer is written (then closes). */
        boolean write() throws IOException {
            channel.write(answer.bytes());
            if (answer.bytes().hasRemaining()) {
                return false;
            }
            close();
            return true;
        }

        void close() {
            key.cancel();
            closeQuietly(channel);
        }
    }
}
