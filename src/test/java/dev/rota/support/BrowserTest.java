package dev.rota.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of browser tests: Debian's Chromium driven by Playwright, one browser per test class, a fresh
 * context (cookies, language, viewport) per signed-in person. Contexts are closed after each test.
 */
public abstract class BrowserTest extends IntegrationTest {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static Playwright playwright;
    private static Browser browser;
    private final List<BrowserContext> contexts = new java.util.ArrayList<>();

    @BeforeAll
    static void launchBrowser() {
        // The driver would otherwise download its own browsers on start.
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
        PlaywrightAssertions.setDefaultAssertionTimeout(10_000);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** A new browser session with the given browser language ("en-GB", "nl-NL") and a desktop window. */
    protected Page newPage(String locale) {
        return newPage(locale, true);
    }

    /** The same, with JavaScript on or off (plain form posts must work without it). */
    protected Page newPage(String locale, boolean javaScript) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl())
                .setJavaScriptEnabled(javaScript)
                .setLocale(locale)
                .setTimezoneId("Europe/Amsterdam")
                .setViewportSize(1280, 900));
        context.setDefaultTimeout(15_000);
        contexts.add(context);
        return context.newPage();
    }

    /** Opens a new session and signs in through the login form; the browser ends on the inbox. */
    protected Page signIn(String email, String password, String locale) {
        return signIn(email, password, locale, true);
    }

    protected Page signIn(String email, String password, String locale, boolean javaScript) {
        Page page = newPage(locale, javaScript);
        page.navigate("/login");
        page.getByLabel(locale.startsWith("nl") ? "E-mail" : "Email").fill(email);
        page.getByLabel(locale.startsWith("nl") ? "Wachtwoord" : "Password").fill(password);
        page.locator("main button[type=submit]").click();
        page.waitForURL("**/inbox");
        return page;
    }

    protected Page signIn(String email, String password) {
        return signIn(email, password, "en-GB");
    }

    /** Saves a full-page screenshot as target/screenshots/{name}.png, and one at 375 px wide when asked. */
    protected void screenshot(Page page, String name, boolean alsoNarrow) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(SCREENSHOTS.resolve(name + ".png")));
        if (alsoNarrow) {
            var size = page.viewportSize();
            page.setViewportSize(375, 800);
            page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                    .setPath(SCREENSHOTS.resolve(name + "-375px.png")));
            page.setViewportSize(size.width, size.height);
        }
    }
}
