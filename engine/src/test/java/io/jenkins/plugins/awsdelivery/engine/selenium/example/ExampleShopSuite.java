package io.jenkins.plugins.awsdelivery.engine.selenium.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * A Selenium 4 suite as a user writes one, run by the suite runner through the JUnit console launcher against
 * {@link ExampleShop}. One test fails on purpose, so that the screenshot and report paths are exercised. Surefire
 * does not run this class itself: its name does not end in Test.
 *
 * <p>On failure it saves a screenshot as {@code screenshots/<class>.<method>.png} in the working directory (the
 * naming convention the report links by) and prints {@code [[ATTACHMENT|path]]}.
 */
@ExtendWith(ExampleShopSuite.ScreenshotOnFailure.class)
class ExampleShopSuite {
    static RemoteWebDriver driver;
    static String baseUrl;

    @BeforeAll
    static void openBrowser() {
        baseUrl = System.getenv("BASE_URL");
        driver = ChromiumSession.open(ChromiumSession.remoteUrlFromEnvironment());
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void homePage_showsShopName() {
        driver.get(baseUrl);

        assertThat(driver.findElement(By.id("shop-name")).getText()).isEqualTo("Example Shop");
    }

    @Test
    void orderForm_confirmsOrderWithChosenShipping() {
        driver.get(baseUrl);
        driver.findElement(By.id("order-link")).click();
        driver.findElement(By.id("name")).sendKeys("Ada");
        driver.findElement(By.id("quantity")).clear();
        driver.findElement(By.id("quantity")).sendKeys("2");
        new Select(driver.findElement(By.id("shipping"))).selectByValue("express");
        driver.findElement(By.id("submit")).click();

        assertThat(driver.findElement(By.id("confirmation")).getText())
                .isEqualTo("Thank you, Ada! 2 bag(s) of coffee will be sent by express shipping.");
    }

    /** Fails on purpose: the shop offers no free shipping. */
    @Test
    void orderForm_offersFreeShipping() {
        driver.get(baseUrl + "order.html");

        assertThat(driver.findElement(By.id("shipping")).getText()).contains("Free shipping");
    }

    static final class ScreenshotOnFailure implements TestWatcher {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver == null) {
                return;
            }
            try {
                Path folder = Files.createDirectories(Path.of("screenshots"));
                Path file = folder.resolve(context.getRequiredTestClass().getName() + "."
                                + context.getRequiredTestMethod().getName() + ".png")
                        .toAbsolutePath();
                Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
                System.out.println("[[ATTACHMENT|" + file + "]]");
            } catch (IOException e) {
                System.err.println("could not save the screenshot: " + e);
            }
        }
    }
}
