package io.stepwise.engine.internal.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepInterruptedException;
import io.stepwise.engine.spi.action.HttpAction;
import io.stepwise.engine.spi.action.HttpResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** HTTP requests with {@link HttpClient}: bounded bodies, JSON parsed when it parses, interruption honoured. */
final class HttpRunner {
    /** A larger response body fails the step rather than filling memory and the journal. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Masking masking;
    private final Watchdog watchdog;
    /** Made on first use: building a client sets up TLS, which runs without HTTP need not pay for. */
    private HttpClient client;

    HttpRunner(Masking masking, Watchdog watchdog) {
        this.masking = masking;
        this.watchdog = watchdog;
    }

    HttpResult http(HttpAction action) {
        HttpRequest request = request(action);
        CompletableFuture<HttpResponse<byte[]>> future =
                client().sendAsync(request, info -> BoundedBody.subscriber(MAX_BODY_BYTES));
        HttpResponse<byte[]> response = await(future, action);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty()) {
                headers.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        return new HttpResult(response.statusCode(), headers, body, parseJson(body));
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .build();
        }
        return client;
    }

    private HttpRequest request(HttpAction action) {
        URI uri;
        try {
            uri = URI.create(action.url());
        } catch (IllegalArgumentException e) {
            throw new StepFailedException("invalid URL " + masking.apply(action.url()) + ": "
                    + masking.apply(e.getMessage()), "write an absolute http:// or https:// URL");
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new StepFailedException("invalid URL " + masking.apply(action.url()),
                    "write an absolute http:// or https:// URL");
        }
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(action.method().toUpperCase(Locale.ROOT),
                    action.body().map(b -> HttpRequest.BodyPublishers.ofString(b, StandardCharsets.UTF_8))
                            .orElse(HttpRequest.BodyPublishers.noBody()));
            action.headers().forEach(builder::header);
            action.timeout().ifPresent(builder::timeout);
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new StepFailedException("invalid request " + masking.apply(action.summary()) + ": "
                    + masking.apply(e.getMessage()), "some headers (Host, Content-Length, Connection) are set by the client");
        }
    }

    private HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> future, HttpAction action) {
        try {
            while (true) {
                try {
                    return future.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (watchdog.interrupted()) {
                        future.cancel(true);
                        throw new StepInterruptedException("interrupted; abandoned " + masking.apply(action.summary()));
                    }
                }
            }
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StepInterruptedException("interrupted; abandoned " + masking.apply(action.summary()));
        } catch (ExecutionException e) {
            throw failed(action, e.getCause());
        }
    }

    private StepFailedException failed(HttpAction action, Throwable error) {
        URI uri = URI.create(action.url());
        String address = uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80);
        String what = masking.apply(action.summary());
        Throwable cause = rootOf(error);
        if (error instanceof HttpConnectTimeoutException) {
            return new StepFailedException(what + ": no connection within " + CONNECT_TIMEOUT.toSeconds() + "s",
                    "nothing answered on " + address + "; check the address and any firewall");
        }
        if (error instanceof HttpTimeoutException) {
            return new StepFailedException(what + ": no response within " + action.timeout().map(d -> d.toMillis() / 1000.0 + "s").orElse("the timeout"),
                    "raise timeout, or check why the server is slow");
        }
        if (has(error, ConnectException.class)) {
            return new StepFailedException(what + ": connection refused", "is the server running on " + address + "?");
        }
        if (has(error, UnknownHostException.class)) {
            return new StepFailedException(what + ": unknown host " + uri.getHost(), "check the host name in the URL");
        }
        if (has(error, SSLException.class)) {
            return new StepFailedException(what + ": TLS failed: " + masking.apply(String.valueOf(find(error, SSLException.class).getMessage())),
                    "check the server certificate, or use http:// for a plain endpoint");
        }
        if (has(error, BoundedBody.TooLarge.class)) {
            return new StepFailedException(what + ": response body larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB",
                    "ask for less (a filter, a range) or download it with exec");
        }
        String message = error instanceof IOException || cause instanceof IOException ? "connection failed: " : "failed: ";
        String detail = cause.getMessage() != null ? cause.getMessage() : error.getMessage() != null ? error.getMessage()
                : cause.getClass().getSimpleName();
        return new StepFailedException(what + ": " + message + masking.apply(detail), null,
                masking.scrub(error, List.of()));
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        return find(error, type) != null;
    }

    private static Throwable find(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    private static Throwable rootOf(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The body as Maps, Lists and scalars when it is JSON, else null. */
    static Object parseJson(String body) {
        if (body.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(body, Object.class);
        } catch (IOException e) {
            return null;
        }
    }
}
