package com.example.shop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@ExtendWith(BrowserExtension.class)
class OrderFormTest {

    @Test
    void submittedOrder_isShownBackOnTheConfirmationPage(WebDriver browser) {
        browser.get(Shop.page("/order.html"));

        browser.findElement(By.id("name")).sendKeys("Zoë Müller");
        new Select(browser.findElement(By.id("product"))).selectByVisibleText("Tea towel");
        WebElement quantity = browser.findElement(By.id("quantity"));
        quantity.clear();
        quantity.sendKeys("3");
        browser.findElement(By.id("note")).sendKeys("Gift wrap, please");
        browser.findElement(By.id("submit")).click();
        Shop.awaitPage(browser, "Order received - Example Shop");

        assertEquals("Order received", browser.findElement(By.tagName("h1")).getText());
        assertEquals("Zoë Müller", browser.findElement(By.id("order-name")).getText());
        assertEquals("Tea towel", browser.findElement(By.id("order-product")).getText());
        assertEquals("3", browser.findElement(By.id("order-quantity")).getText());
        assertEquals("Gift wrap, please", browser.findElement(By.id("order-note")).getText());
    }

    @Test
    void markupInTheForm_isShownAsTextNotInterpreted(WebDriver browser) {
        browser.get(Shop.page("/order.html"));

        String note = "<b>bold</b> & \"quoted\" it's 100%+1";
        browser.findElement(By.id("name")).sendKeys("<i>Eve</i>");
        browser.findElement(By.id("note")).sendKeys(note);
        browser.findElement(By.id("submit")).click();
        Shop.awaitPage(browser, "Order received - Example Shop");

        WebElement shownNote = browser.findElement(By.id("order-note"));
        assertEquals(note, shownNote.getText());
        assertTrue(shownNote.findElements(By.tagName("b")).isEmpty(), "the note must not become markup");
        assertEquals("<i>Eve</i>", browser.findElement(By.id("order-name")).getText());
    }

    @Test
    void orderWithoutName_isNotSubmitted(WebDriver browser) {
        browser.get(Shop.page("/order.html"));

        browser.findElement(By.id("submit")).click();

        assertEquals("Order", browser.findElement(By.tagName("h1")).getText());
        WebElement name = browser.findElement(By.id("name"));
        assertFalse(name.getDomProperty("validationMessage").isEmpty(), "the browser explains the missing name");
    }
}
