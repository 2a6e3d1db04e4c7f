package com.example.shop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

@ExtendWith(BrowserExtension.class)
class ProductsPageTest {

    @Test
    void productsPage_listsEveryProductWithItsPrice(WebDriver browser) {
        browser.get(Shop.page("/products.html"));

        List<String> rows = browser.findElements(By.cssSelector("#products tbody tr")).stream()
                .map(WebElement::getText)
                .toList();
        assertEquals(List.of("Coffee mug 8.00 EUR", "Tea towel 5.50 EUR", "Notebook 3.20 EUR"), rows);
    }
}
