package org.wharfmq.sample.orderdesk;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The order desk's REST API as the tests use it: plain HTTP, the way a user's browser or script would. */
final class OrderDeskApi {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    OrderDeskApi(String base) {
        this.base = base;
    }

    static OrderDeskApi local() {
        return new OrderDeskApi("http://localhost:8080/order-desk/api/");
    }

    String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    String post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    void placeOrder(String id, int quantity, long processingMillis) throws IOException, InterruptedException {
        post("orders", Map.of("id", id, "quantity", String.valueOf(quantity), "processingMillis",
                String.valueOf(processingMillis)));
    }

    /** {@code count} orders {@code prefix}0, {@code prefix}1, … that reach the queue together, in one transaction. */
    void placeOrders(String prefix, int count, long processingMillis) throws IOException, InterruptedException {
        post("orders/batch", Map.of("prefix", prefix, "count", String.valueOf(count), "processingMillis",
                String.valueOf(processingMillis)));
    }

    /** Polls {@code path} until its body satisfies {@code condition}; returns that body. */
    String await(String path, Predicate<String> condition, String what) throws Exception {
        return await(path, condition, what, WAIT);
    }

    String await(String path, Predicate<String> condition, String what, Duration wait) throws Exception {
        long end = System.nanoTime() + wait.toNanos();
        String last = null;
        while (System.nanoTime() < end) {
            try {
                last = get(path);
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                last = e.getMessage();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + wait.toSeconds() + " s: " + what + "; last answer: " + last);
    }

    /** Waits until the application answers at all (after a deployment or a server start). */
    void awaitUp() throws Exception {
        await("stats", body -> body.contains("\"orders\""), "the order desk answers");
    }

    /** A number field of a flat JSON object. */
    static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\":(-?\\d+)").matcher(json);
        if (!m.find()) {
            throw new AssertionError("no number '" + field + "' in " + json);
        }
        return Long.parseLong(m.group(1));
    }

    /** All numbers of a JSON array of numbers. */
    static List<Long> numbers(String jsonArray) {
        List<Long> out = new ArrayList<>();
        Matcher m = Pattern.compile("-?\\d+").matcher(jsonArray);
        while (m.find()) {
            out.add(Long.parseLong(m.group()));
        }
        return out;
    }
}
