package io.jenkins.plugins.awsdelivery.engine.selenium.example;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * How a suite opens Debian's Chromium through the chromedriver at {@code SELENIUM_REMOTE_URL}: the driver is set up
 * explicitly, because Selenium's own driver manager would try to download a browser and there is no network here.
 */
public final class ChromiumSession {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1024,768");

    private ChromiumSession() {}

    public static RemoteWebDriver open(String remoteUrl) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(FLAGS);
        try {
            RemoteWebDriver driver = new RemoteWebDriver(URI.create(remoteUrl).toURL(), options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("SELENIUM_REMOTE_URL is not a URL: " + remoteUrl, e);
        }
    }

    /** {@code SELENIUM_REMOTE_URL} as the suite runner sets it; fails clearly when the suite runs outside it. */
    public static String remoteUrlFromEnvironment() {
        String url = System.getenv("SELENIUM_REMOTE_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("SELENIUM_REMOTE_URL is not set; run this suite through the suite runner");
        }
        return url;
    }
}
