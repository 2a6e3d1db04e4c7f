package com.example.shop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Gives each test a fresh browser ({@code WebDriver} parameter) and, when the test fails, saves what the browser showed
 * as {@code target/screenshots/<test class>.<test name>.png}, the test name as Surefire reports it ({@code
 * ordersTwo(WebDriver)}): the name by which the {@code seleniumTest} step and {@code bin/delivery junit --screenshots}
 * link a screenshot to its test in the report. The screenshot is taken right after the test method, before the
 * browser is closed.
 */
public final class BrowserExtension
        implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback, ParameterResolver {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(WebDriver.class, Browsers.open());
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        WebDriver driver = driver(context);
        if (driver instanceof TakesScreenshot camera) {
            String testName = context.getDisplayName().replaceAll("[/\\\\:*?\"<>|]", "_");
            Path file = SCREENSHOTS.resolve(context.getRequiredTestClass().getName() + "." + testName + ".png");
            try {
                Files.createDirectories(SCREENSHOTS);
                Path taken = camera.getScreenshotAs(OutputType.FILE).toPath();
                Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("screenshot of the failed test: " + file.toAbsolutePath());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the screenshot " + file, e);
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        WebDriver driver = context.getStore(NAMESPACE).remove(WebDriver.class, WebDriver.class);
        if (driver != null) {
            driver.quit();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return driver(context);
    }

    private static WebDriver driver(ExtensionContext context) {
        return context.getStore(NAMESPACE).get(WebDriver.class, WebDriver.class);
    }
}
