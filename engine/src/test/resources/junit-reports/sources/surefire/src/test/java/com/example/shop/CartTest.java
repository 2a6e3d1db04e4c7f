package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CartTest {
    @Test
    void startsEmpty() {
        assertTrue(List.of().isEmpty());
    }

    @Test
    void holdsItems() {
        assertTrue(List.of(1, 2).contains(2));
    }
}
