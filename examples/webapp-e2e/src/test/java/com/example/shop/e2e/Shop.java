package com.example.shop.e2e;

import java.net.URI;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The shop under test, at {@code BASE_URL} (for example {@code https://shop-test.example.com/}). */
final class Shop {
    private Shop() {}

    /** The page at {@code path} ({@code "/"}, {@code "/order.html"}) of the shop at {@code BASE_URL}. */
    static String page(String path) {
        return baseUrl().resolve(path.startsWith("/") ? path.substring(1) : path).toString();
    }

    /**
     * Waits until the browser shows the page titled {@code title}: a click that submits a form or follows a link
     * returns before the next page has loaded.
     */
    static void awaitPage(WebDriver browser, String title) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.titleIs(title));
    }

    static URI baseUrl() {
        String value = System.getenv("BASE_URL");
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                    "BASE_URL is not set; set it to the shop under test, e.g. BASE_URL=http://127.0.0.1:8080/");
        }
        return URI.create(value.endsWith("/") ? value : value + "/");
    }
}
