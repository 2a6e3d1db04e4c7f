package io.jenkins.plugins.awsdelivery.engine.selenium.example;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.remote.RemoteWebDriver;

/** A suite that opens the browser and then hangs, as a suite waiting for an element forever would. */
class ExampleHangingSuite {

    @Test
    void waitsForever() throws InterruptedException {
        RemoteWebDriver driver = ChromiumSession.open(ChromiumSession.remoteUrlFromEnvironment());
        driver.get(System.getenv("BASE_URL"));
        System.out.println("browser is open at " + driver.getCurrentUrl() + "; now hanging");
        Thread.sleep(600_000);
    }
}
