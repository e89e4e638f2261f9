package org.wharfmq.sample.orderdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Wharf web console in a real server, driven by a real headless Chromium (Debian's chromium and chromedriver,
 * which the build installs when they are missing): it signs in, shows the numbers this test produced through the
 * order desk, and a requeue clicked on the page really sends the dead letter back to the message-driven bean.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static final String CONSOLE = "http://localhost:8080/wharf-console/";
    private static final String OPERATOR = "ops";
    private static final String MONITOR = "watcher";
    private static final String PASSWORD = "Console-pw-1";
    private static final OrderDeskApi api = OrderDeskApi.local();
    private static ServerControl server;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static final List<String> BAD = List.of("console-bad-1-" + RUN, "console-bad-2-" + RUN);

    private WebDriver browser;

    @BeforeAll
    static void startWithTheOrderDeskAndTwoConsoleUsers() throws Exception {
        server = ServerControl.startFresh();
        server.addUser(OPERATOR, PASSWORD, "wharf-operator");
        server.addUser(MONITOR, PASSWORD, "wharf-monitor");
        server.deployAndAwait(Path.of(System.getProperty("ear.file")), api);
        for (String id : BAD) {
            api.placeOrder(id, 0, 0); // quantity 0 fails in the MDB: three attempts, then orders.dlq
        }
        api.placeOrder("console-ok-" + RUN, 1, 0);
        for (String id : BAD) {
            api.await("queues/orders.dlq", body -> body.contains(id), id + " in orders.dlq");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stopAndUndeploy();
        }
    }

    @BeforeEach
    void openBrowser() {
        String chromium = System.getProperty("wharf.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("wharf.chromedriver", "/usr/bin/chromedriver");
        assertTrue(new File(chromium).canExecute() && new File(driver).canExecute(), "the console test needs "
                + chromium + " and " + driver + " (Debian: apt-get install chromium chromium-driver; the build does"
                + " it when it runs as root)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        // headless, and nothing that would try to reach the internet from a closed build machine
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void signIn(String user) {
        browser.get(CONSOLE);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("j_username"))).sendKeys(user);
        browser.findElement(By.id("j_password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in")).click();
        try {
            // the sign-in page is replaced by the console meanwhile: an element found on one may be gone
            wait.ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.tagName("body")).getAttribute("data-loaded") != null);
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the console did not load after signing in as " + user + ": at "
                    + browser.getCurrentUrl() + ", status '" + safely(d -> d.findElement(By.id("status")).getText())
                    + "', page " + browser.getPageSource().substring(0, Math.min(2000, browser.getPageSource().length())), e);
        }
    }

    /** Waits (the page refreshes every 5 s) until {@code read} gives {@code expected}. */
    private <T> T awaitOnPage(Function<WebDriver, T> read, T expected, String what) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(RuntimeException.class)
                    .until(d -> expected.equals(read.apply(d)));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(what + ": expected " + expected + ", the page shows " + safely(read));
        }
        return read.apply(browser);
    }

    private Object safely(Function<WebDriver, ?> read) {
        try {
            return read.apply(browser);
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static String cell(WebDriver d, String destination, String field) {
        return d.findElement(By.cssSelector("#destinations tr[data-name='" + destination + "'] td[data-field='" + field
                + "']")).getText();
    }

    /**
     * Does {@code action} on the row of the message of {@code orderId}; the page redraws its tables every 5 s, so
     * a row found just before a redraw is stale and is looked up again.
     */
    private <T> T onMessageRow(String orderId, Function<WebElement, T> action) {
        for (int attempt = 0; ; attempt++) {
            try {
                for (WebElement row : browser.findElements(By.cssSelector("#messages tbody tr"))) {
                    if (row.getText().contains(orderId)) {
                        return action.apply(row);
                    }
                }
                throw new AssertionError("no message of order " + orderId + " on the page");
            } catch (StaleElementReferenceException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /**
     * Selects {@code destination} as an operator would, by clicking its row, and waits until the page shows it:
     * the tests choose what they look at instead of relying on what the page chose when it loaded.
     */
    private void select(String destination) {
        By row = By.cssSelector("#destinations tr[data-name='" + destination + "']");
        try {
            new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(d -> {
                        WebElement r = d.findElement(row);
                        if (!r.getAttribute("class").contains("selected")) {
                            r.click();
                            return false;
                        }
                        return d.findElement(By.id("selected-name")).getText().equals(destination);
                    });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("could not select " + destination + ": the page shows '"
                    + safely(d -> d.findElement(By.id("selected-name")).getText()) + "' selected", e);
        }
    }

    private void screenshot(String name) throws Exception {
        Path png = Path.of("target", "console-" + Servers.current().name().toLowerCase() + "-" + name + ".png");
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), png,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(1)
    @DisplayName("the console shows the dead-letter queue with the count the test produced, each message's failure reason and origin, and the charts of the last hour")
    void showsWhatTheTestProduced() throws Exception {
        signIn(OPERATOR);
        assertEquals("2", awaitOnPage(d -> cell(d, "orders.dlq", "ready"), "2", "dead letters of orders.dlq"));
        assertEquals("0", awaitOnPage(d -> cell(d, "orders", "ready"), "0", "orders waiting in orders"));
        awaitOnPage(d -> d.findElement(By.cssSelector("#destinations tr[data-name='orders.dlq']")).getAttribute("class")
                .contains("dlq"), true, "orders.dlq is marked as a dead-letter queue");
        assertEquals("2", awaitOnPage(d -> cell(d, "orders", "deadlettered"), "2", "dead-lettered from orders"));
        // a dead-letter queue that holds messages is what the page shows first, until the operator clicks elsewhere
        awaitOnPage(d -> d.findElement(By.id("selected-name")).getText(), "orders.dlq", "the destination shown");
        select("orders.dlq");
        awaitOnPage(d -> d.findElements(By.cssSelector("#messages tbody tr")).size(), 2, "messages listed");
        for (String id : BAD) {
            String row = onMessageRow(id, WebElement::getText);
            assertTrue(row.contains("quantity must be positive"), row);
            assertTrue(row.contains("orders"), row);
        }
        assertFalse(browser.findElements(By.cssSelector("#depth-chart polyline")).isEmpty(), "a depth chart is drawn");
        assertFalse(browser.findElements(By.cssSelector("#rate-chart polyline")).isEmpty(), "a rate chart is drawn");
        assertFalse(browser.findElements(By.cssSelector("#engines tbody tr")).isEmpty(), "the journal is shown");
        assertTrue(browser.findElement(By.id("user")).getText().contains("operator"));
        screenshot("operator");
    }

    @Test
    @Order(2)
    @DisplayName("a requeue clicked on the page (after its confirmation) moves the dead letter back to orders, where the MDB gets it again")
    void requeueFromThePageReallyMovesTheMessage() throws Exception {
        signIn(OPERATOR);
        String id = BAD.get(0);
        select("orders.dlq");
        awaitOnPage(d -> d.findElements(By.cssSelector("#messages tbody tr")).size(), 2, "messages listed");
        onMessageRow(id, row -> {
            row.findElement(By.cssSelector("button.requeue")).click();
            return null;
        });
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        assertTrue(browser.switchTo().alert().getText().contains("back to orders"));
        browser.switchTo().alert().accept();
        // back in orders, the MDB fails it three more times and it returns to the DLQ: six attempts in all
        api.await("attempts/" + id, body -> OrderDeskApi.numbers(body).size() == 6, id + " delivered 3 more times");
        api.await("queues/orders.dlq", body -> body.contains(id), id + " back in orders.dlq");
        assertTrue(browser.findElement(By.id("status")).getText().contains("moved"),
                browser.findElement(By.id("status")).getText());
        awaitOnPage(d -> cell(d, "orders", "deadlettered"), "3", "dead-lettered from orders, once more");
    }

    @Test
    @Order(3)
    @DisplayName("a user in role wharf-monitor sees the console, but requeue and purge are disabled on the page and refused by the server (403)")
    void monitorReadsButCannotChange() throws Exception {
        signIn(MONITOR);
        awaitOnPage(d -> cell(d, "orders.dlq", "ready"), "2", "dead letters of orders.dlq");
        select("orders.dlq");
        awaitOnPage(d -> d.findElements(By.cssSelector("#messages tbody tr")).size(), 2, "messages listed");
        assertTrue(browser.findElement(By.id("user")).getText().contains("read only"));
        assertFalse(browser.findElement(By.id("purge")).isEnabled());
        assertEquals(List.of(false), onMessageRow(BAD.get(1), row -> row.findElements(By.cssSelector("button.requeue"))
                .stream().map(WebElement::isEnabled).toList()), "requeue enabled for a monitor");
        String dlqId = new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector("#destinations tr[data-name='orders.dlq']")).getAttribute("data-id"));
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('api/purge', {method: 'POST', headers: {'X-Wharf-Console': '1',"
                        + " 'Content-Type': 'application/x-www-form-urlencoded'},"
                        + " body: new URLSearchParams({id: arguments[0]})}).then(r => done(r.status));", dlqId);
        assertEquals(403L, ((Number) status).longValue());
        assertEquals("2", awaitOnPage(d -> cell(d, "orders.dlq", "ready"), "2", "nothing purged"));
        screenshot("monitor");
    }

    @Test
    @Order(4)
    @DisplayName("without signing in, the console's API answers with the sign-in page, never with data")
    void apiNeedsSignIn() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(CONSOLE
                + "api/overview")).build(), HttpResponse.BodyHandlers.ofString());
        assertFalse(r.body().contains("destinations"), r.body());
        assertTrue(r.body().contains("j_security_check") || r.statusCode() == 401 || r.statusCode() == 302,
                r.statusCode() + " " + r.body());
    }

    @Test
    @Order(5)
    @DisplayName("purge from the page (after its confirmation) empties the dead-letter queue in the journal")
    void purgeFromThePage() throws Exception {
        signIn(OPERATOR);
        awaitOnPage(d -> cell(d, "orders.dlq", "ready"), "2", "dead letters of orders.dlq");
        select("orders.dlq");
        awaitOnPage(d -> d.findElement(By.id("purge")).isEnabled(), true, "the purge button of orders.dlq");
        browser.findElement(By.id("purge")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.alertIsPresent());
        browser.switchTo().alert().accept();
        awaitOnPage(d -> cell(d, "orders.dlq", "ready"), "0", "orders.dlq after purge");
        for (String id : BAD) {
            assertFalse(api.get("queues/orders.dlq").contains(id), id + " still in orders.dlq");
        }
    }
}
