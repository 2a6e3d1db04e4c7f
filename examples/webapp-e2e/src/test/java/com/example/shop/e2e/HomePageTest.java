package com.example.shop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

@ExtendWith(BrowserExtension.class)
class HomePageTest {

    @Test
    void homePage_showsTheShopNameAndWelcome(WebDriver browser) {
        browser.get(Shop.page("/"));

        assertEquals("Example Shop", browser.getTitle());
        assertEquals("Example Shop", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.findElement(By.id("welcome")).getText().startsWith("Welcome to the example shop"));
    }

    @Test
    void navigation_leadsToProductsAndBackHome(WebDriver browser) {
        browser.get(Shop.page("/"));

        browser.findElement(By.id("nav-products")).click();
        Shop.awaitPage(browser, "Products - Example Shop");
        assertEquals("Products", browser.findElement(By.tagName("h1")).getText());

        browser.findElement(By.id("nav-home")).click();
        Shop.awaitPage(browser, "Example Shop");
        assertTrue(browser.findElement(By.id("welcome")).isDisplayed());
    }
}
