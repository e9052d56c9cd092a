package io.stepwise.steps.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.stepwise.engine.spi.ConnectionInfo;
import io.stepwise.engine.spi.Reversibility;
import io.stepwise.engine.spi.StepFailedException;
import io.stepwise.engine.spi.StepResult;
import io.stepwise.engine.testkit.ListeningPort;
import io.stepwise.engine.testkit.StepHarness;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http step against an in-process server on 127.0.0.1. */
class HttpStepTest {
    private static final String TOKEN = "Canary-Token-1c3e";

    private final HttpStep http = new HttpStep();
    private final Map<String, String> received = new ConcurrentHashMap<>();
    private HttpServer server;
    private StepHarness harness;
    private String base;

    @BeforeEach
    void setUp() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status", exchange -> respond(exchange, 200, "application/json", "{\"up\": true, \"regions\": [1, 2]}"));
        server.createContext("/echo", exchange -> {
            received.put("method", exchange.getRequestMethod());
            received.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            received.put("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            respond(exchange, 201, "text/plain", "created");
        });
        server.createContext("/missing", exchange -> respond(exchange, 404, "text/plain", "no such thing"));
        server.createContext("/broken", exchange -> respond(exchange, 500, "text/plain", "token " + TOKEN + " rejected"));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "text/plain", "late");
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] block = new byte[1 << 20];
            java.util.Arrays.fill(block, (byte) 'h');
            try (var body = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    body.write(block);
                }
            } catch (IOException e) {
                received.put("huge", "the client stopped reading: " + e.getMessage());
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        harness = StepHarness.builder().secret(TOKEN)
                .connection(new ConnectionInfo("api", "http", Map.of("url", base + "/", "headers", Map.of("Authorization", "Bearer " + TOKEN))))
                .build();
    }

    @AfterEach
    void tearDown() {
        harness.close();
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.getResponseHeaders().add("X-Trace", "abc");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void givenAJsonEndpoint_whenGot_thenStatusBodyParsedJsonAndLowerCaseHeadersAreKept() {
        StepResult result = http.execute(harness.bind(http, Map.of("url", base + "/status")), harness.context(http, false));

        assertThat(result.values()).containsEntry("status", 200)
                .containsEntry("body", "{\"up\": true, \"regions\": [1, 2]}")
                .containsEntry("json", Map.of("up", true, "regions", List.of(1, 2)));
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) result.values().get("headers");
        assertThat(headers).containsEntry("content-type", "application/json").containsEntry("x-trace", "abc");
    }

    @Test
    void givenAMappingBody_whenPosted_thenItIsSentAsJsonWithItsContentType() {
        StepResult result = harness.execute(http, Map.of("method", "POST", "url", base + "/echo",
                "body", Map.of("name", "nightly", "tables", List.of("a", "b"))));

        assertThat(result.values()).containsEntry("status", 201).containsEntry("body", "created").containsEntry("json", null);
        assertThat(received).containsEntry("method", "POST").containsEntry("content-type", "application/json");
        assertThat(received.get("body")).contains("\"name\":\"nightly\"", "\"tables\":[\"a\",\"b\"]");
    }

    @Test
    void givenATextBodyAndHeaders_whenPut_thenTheBodyIsSentAsIsWithTheGivenContentType() {
        harness.execute(http, Map.of("method", "PUT", "url", base + "/echo", "body", "a=1&b=2",
                "headers", Map.of("Content-Type", "application/x-www-form-urlencoded")));

        assertThat(received).containsEntry("method", "PUT").containsEntry("body", "a=1&b=2")
                .containsEntry("content-type", "application/x-www-form-urlencoded");
    }

    @Test
    void givenAConnection_whenRequestedWithARelativeUrl_thenItsBaseAndHeadersAreUsed() {
        harness.execute(http, Map.of("connection", "api", "url", "echo", "method", "POST", "body", "{}"));

        assertThat(received).containsEntry("authorization", "Bearer " + TOKEN);
    }

    @Test
    void givenAnExpectedStatus_whenTheServerAnswersIt_thenTheStepSucceeds() {
        StepResult result = harness.execute(http, Map.of("url", base + "/missing", "expect_status", List.of(200, 404)));

        assertThat(result.values()).containsEntry("status", 404).containsEntry("body", "no such thing");
    }

    @Test
    void givenAnUnexpectedStatus_whenRequested_thenTheFailureQuotesTheMaskedBody() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(http, Map.of("url", base + "/broken")));

        assertThat(error.getMessage()).isEqualTo("GET " + base + "/broken answered 500 (expected 2xx): token **** rejected");
    }

    @Test
    void givenNoServer_whenRequested_thenTheFailureSaysConnectionRefusedAndAsksIfTheServerRuns() {
        int port = ListeningPort.closedPort();

        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(http, Map.of("url", "http://127.0.0.1:" + port + "/status")));

        assertThat(error.getMessage()).isEqualTo("GET http://127.0.0.1:" + port + "/status: connection refused");
        assertThat(error.hint()).hasValue("is the server running on 127.0.0.1:" + port + "?");
    }

    @Test
    void givenASlowServer_whenTheTimeoutPasses_thenTheFailureSaysNoResponse() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(http, Map.of("url", base + "/slow", "timeout", "500ms")));

        assertThat(error.getMessage()).isEqualTo("GET " + base + "/slow: no response within 0.5s");
    }

    @Test
    void givenABodyLargerThanAStepKeeps_whenGot_thenTheStepFailsNamingTheLimitWithoutReadingItAll() {
        StepFailedException error = catchThrowableOfType(StepFailedException.class,
                () -> harness.execute(http, Map.of("url", base + "/huge")));

        assertThat(error.getMessage()).contains("response body larger than 16 MiB");
    }

    @Test
    void givenMethods_whenDescribed_thenOnlyReadsAreIdempotentWithNothingToUndo() {
        HttpConfig get = harness.bind(http, Map.of("url", base + "/status"));
        HttpConfig head = harness.bind(http, Map.of("url", base + "/status", "method", "HEAD"));
        HttpConfig post = harness.bind(http, Map.of("url", base + "/echo", "method", "POST"));

        assertThat(http.idempotent(get)).isTrue();
        assertThat(http.reversibility(head)).isEqualTo(Reversibility.NOTHING_TO_UNDO);
        assertThat(http.idempotent(post)).isFalse();
        assertThat(http.reversibility(post)).isEqualTo(Reversibility.NEEDS_PERSON);
    }

    @Test
    void givenARelativeUrlWithoutConnection_whenValidated_thenTheProblemNamesUrl() {
        assertThat(harness.validate(http, Map.of("url", "status"))).singleElement()
                .satisfies(p -> assertThat(p.parameter()).isEqualTo("url"));
    }

    @Test
    void givenAStatusOutsideHttp_whenValidated_thenRefusedNamingExpectStatus() {
        assertThat(harness.validate(http, Map.of("url", "http://127.0.0.1:1/", "expect_status", List.of(200, 99))))
                .singleElement().satisfies(p -> {
                    assertThat(p.parameter()).isEqualTo("expect_status");
                    assertThat(p.message()).isEqualTo("'expect_status' must hold HTTP statuses from 100 to 599, not '[200, 99]'");
                });
        assertThat(harness.validate(http, Map.of("url", "http://127.0.0.1:1/", "expect_status", List.of(100, 599)))).isEmpty();
    }
}
