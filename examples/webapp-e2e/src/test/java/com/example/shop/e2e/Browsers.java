package com.example.shop.e2e;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Opens a headless Chromium: through {@code SELENIUM_REMOTE_URL} when it is set (a Selenium Grid, or the chromedriver
 * that the {@code seleniumTest} step manages), else with Debian's {@code /usr/bin/chromedriver} started here. The
 * driver is always named explicitly, because Selenium's own driver manager would try to download a browser.
 */
final class Browsers {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final List<String> FLAGS = List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1024,768");

    private Browsers() {}

    static WebDriver open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(FLAGS);
        String remoteUrl = System.getenv("SELENIUM_REMOTE_URL");
        WebDriver driver;
        if (remoteUrl != null && !remoteUrl.isBlank()) {
            driver = new RemoteWebDriver(url(remoteUrl), options);
        } else {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER))
                    .usingAnyFreePort()
                    .build();
            driver = new ChromeDriver(service, options);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static java.net.URL url(String remoteUrl) {
        try {
            return URI.create(remoteUrl).toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("SELENIUM_REMOTE_URL is not a URL: " + remoteUrl, e);
        }
    }
}
